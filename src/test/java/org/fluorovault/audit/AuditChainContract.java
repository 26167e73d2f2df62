package org.fluorovault.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.fluorovault.audit.internal.AuditStore;
import org.fluorovault.audit.internal.AuditWriter;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The hash chain on a real database, freshly migrated for each test: appends link up, verify
 * finds the first broken link after tampering through JDBC, concurrent appends never fork.
 */
abstract class AuditChainContract {
    protected JdbcTemplate jdbc;
    protected AuditTrail audit;
    /** A second trail on the same database, as another process would have: only the database serialises the two. */
    protected AuditTrail otherProcess;

    private HikariDataSource pool;

    /** The JDBC URL, user and password of an empty database or schema. */
    protected abstract String[] freshDatabase();

    @BeforeEach
    void migrate() {
        String[] db = freshDatabase();
        pool = new HikariDataSource();
        pool.setJdbcUrl(db[0]);
        pool.setUsername(db[1]);
        pool.setPassword(db[2]);
        pool.setMaximumPoolSize(12);
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(pool);
        audit = trail(pool);
        otherProcess = trail(pool);
    }

    private static AuditTrail trail(DataSource ds) {
        JdbcTemplate t = new JdbcTemplate(ds);
        AuditStore store = new AuditStore(t, new DataSourceTransactionManager(ds));
        return new AuditTrail(store, new AuditWriter(store));
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    protected AuditRecord append(int i) {
        return append(audit, i);
    }

    private static AuditRecord append(AuditTrail trail, int i) {
        return trail.record(AuditEvent.of(AuditEventType.QUERY)
                .user("user" + i)
                .role("PHYSICIAN")
                .sourceAddress("10.0.0." + i)
                .patientId("P" + (i % 3))
                .studyUid("1.2.3." + i)
                .detail("query | with \\ odd\ncharacters Å " + i)
                .build());
    }

    @Test
    void appendsLinkUpAndVerify() {
        ChainVerification empty = audit.verify();
        assertTrue(empty.valid());
        assertEquals(0, empty.checked());
        AuditRecord first = append(1);
        AuditRecord second = append(2);
        assertEquals(1, first.id());
        assertEquals(2, second.id());
        assertEquals(64, second.hash().length());
        ChainVerification v = audit.verify();
        assertTrue(v.valid(), v.reason());
        assertEquals(2, v.checked());
        assertEquals(second.hash(), v.lastHash());
        assertNull(v.firstBrokenId());
        // what was read back is what was written, to the millisecond
        AuditRecord read = audit.search(new AuditFilter("user2", null, null, null, null, null), 0, 10)
                .items()
                .get(0);
        assertEquals(second, read);
    }

    @Test
    void aChangedDetailBreaksItsOwnLink() {
        for (int i = 1; i <= 5; i++) append(i);
        jdbc.update("UPDATE audit_event SET detail = 'nothing to see' WHERE id = 3");
        ChainVerification v = audit.verify();
        assertFalse(v.valid());
        assertEquals(3L, v.firstBrokenId());
        assertEquals(3, v.checked());
        assertTrue(v.reason().contains("hash of row 3"), v.reason());
    }

    @Test
    void aChangedTimeOrPatientIsFound() {
        for (int i = 1; i <= 4; i++) append(i);
        jdbc.update("UPDATE audit_event SET patient_id = 'OTHER' WHERE id = 4");
        jdbc.update("UPDATE audit_event SET event_time = event_time + INTERVAL '1' SECOND WHERE id = 2");
        assertEquals(2L, audit.verify().firstBrokenId());
    }

    @Test
    void aDeletedRowIsFound() {
        for (int i = 1; i <= 5; i++) append(i);
        jdbc.update("DELETE FROM audit_event WHERE id = 2");
        ChainVerification v = audit.verify();
        assertFalse(v.valid());
        assertEquals(2L, v.firstBrokenId());
        assertTrue(v.reason().contains("row 2 is missing"), v.reason());
    }

    @Test
    void aDeletedAndRenumberedRowIsFound() {
        for (int i = 1; i <= 5; i++) append(i);
        jdbc.update("DELETE FROM audit_event WHERE id = 2");
        jdbc.update("UPDATE audit_event SET id = id - 1 WHERE id > 2");
        assertEquals(2L, audit.verify().firstBrokenId());
    }

    @Test
    void swappedHashesAreFound() {
        for (int i = 1; i <= 5; i++) append(i);
        Map<String, Object> h = jdbc.queryForMap("SELECT (SELECT hash FROM audit_event WHERE id = 3) AS h3, "
                + "(SELECT hash FROM audit_event WHERE id = 4) AS h4");
        jdbc.update("UPDATE audit_event SET hash = ? WHERE id = 3", h.get("h4"));
        jdbc.update("UPDATE audit_event SET hash = ? WHERE id = 4", h.get("h3"));
        ChainVerification v = audit.verify();
        assertFalse(v.valid());
        assertEquals(3L, v.firstBrokenId());
    }

    @Test
    void theChainContinuesAfterTamperingAndStaysBrokenThere() {
        for (int i = 1; i <= 3; i++) append(i);
        jdbc.update("UPDATE audit_event SET user_id = 'someone' WHERE id = 1");
        append(4);
        assertEquals(1L, audit.verify().firstBrokenId());
    }

    @Test
    void concurrentAppendsOfTwoProcessesFormOneChain() throws Exception {
        int threads = 8, each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit((Callable<List<Long>>) () -> {
                    go.await();
                    List<Long> ids = new ArrayList<>();
                    AuditTrail trail = thread % 2 == 0 ? audit : otherProcess;
                    for (int i = 0; i < each; i++)
                        ids.add(append(trail, thread * 1000 + i).id());
                    return ids;
                }));
            }
            go.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) all.addAll(f.get());
            assertEquals(threads * each, all.stream().distinct().count(), "every append got its own id");
        } finally {
            pool.shutdownNow();
        }
        ChainVerification v = audit.verify();
        assertTrue(v.valid(), v.reason());
        assertEquals(threads * each, v.checked());
        assertEquals((long) threads * each, v.lastId());
    }

    @Test
    void searchFiltersAndPages() {
        for (int i = 1; i <= 9; i++) append(i);
        audit.record(AuditEvent.of(AuditEventType.USER_AUTHENTICATION)
                .typeCode(AuditEventTypeCode.LOGIN)
                .user("user1")
                .outcome(AuditOutcome.MINOR_FAILURE)
                .build());
        AuditPage p0 = audit.search(new AuditFilter(null, "P1", null, null, null, null), 0, 2);
        assertEquals(3, p0.total()); // users 1, 4, 7
        assertEquals(List.of(7L, 4L), p0.items().stream().map(AuditRecord::id).toList());
        assertEquals(
                List.of(1L),
                audit.search(new AuditFilter(null, "P1", null, null, null, null), 1, 2).items().stream()
                        .map(AuditRecord::id)
                        .toList());
        AuditPage logins = audit.search(
                new AuditFilter("user1", null, null, null, null, AuditEventType.USER_AUTHENTICATION), 0, 10);
        assertEquals(1, logins.total());
        AuditEvent login = logins.items().get(0).event();
        assertEquals(AuditEventTypeCode.LOGIN, login.typeCode());
        assertEquals(AuditOutcome.MINOR_FAILURE, login.outcome());
        assertEquals(AuditAction.E, login.action());
        Instant future = Instant.now().plusSeconds(3600);
        assertEquals(
                0,
                audit.search(new AuditFilter(null, null, null, future, null, null), 0, 10)
                        .total());
        assertEquals(
                10,
                audit.search(new AuditFilter(null, null, null, null, future, null), 0, 10)
                        .total());
    }

    @Test
    void recordLaterWithoutARunningWriterStillRecords() {
        audit.recordLater(
                AuditEvent.of(AuditEventType.INSTANCES_TRANSFERRED).user("CARM").build());
        AuditRecord r = audit.search(AuditFilter.all(), 0, 1).items().get(0);
        assertEquals("CARM", r.event().user());
        assertNotNull(r.event().time());
    }
}
