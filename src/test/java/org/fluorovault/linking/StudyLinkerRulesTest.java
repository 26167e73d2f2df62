package org.fluorovault.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.fluorovault.archive.StudyQueries;
import org.fluorovault.audit.AuditTrail;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every rule of the linker and every way it declines, as a table: accession number, the worklist's Study Instance UID,
 * MPPS, patient and date (with its window and its modality filter), and the outcomes that queue a study for a person
 * (AMBIGUOUS, CONFLICT, UNMATCHED) or set it aside (NOT_GUIDANCE). The sources are plain values; the linker's own
 * tables are real (an in-memory H2 with the migrations), so a case reads as "these facts -> this link or this queue row".
 */
class StudyLinkerRulesTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static JdbcTemplate jdbc;
    private static TransactionTemplate tx;

    /** A procedure record as the rules see it. */
    record Proc(
            long id, String patient, String accession, String studyUid, String requestedProcedure, LocalDate date) {}

    /** The study under test: patient, accession (may be null), date, modalities; MPPS orders (accession or RP id). */
    record Study(String patient, String accession, LocalDate date, List<String> modalities, List<MppsOrderLike> mpps) {}

    record MppsOrderLike(String accession, String requestedProcedure) {}

    /** What must happen: a link by {@code method} to {@code procedure}, or a queue row with {@code reason} and candidates. */
    record Expect(LinkMethod method, Long procedure, String reason, List<Long> candidates) {
        static Expect link(LinkMethod m, long id) {
            return new Expect(m, id, null, List.of());
        }

        static Expect queued(String reason, Long... candidates) {
            return new Expect(null, null, reason, List.of(candidates));
        }
    }

    private static final LocalDate DAY = LocalDate.of(2026, 6, 1);
    private static final List<String> XA = List.of("XA");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "accession number",
                        List.of(new Proc(1, "P1", "A1", null, null, DAY)),
                        new Study("P1", "A1", DAY, XA, List.of()),
                        Expect.link(LinkMethod.ACCESSION, 1)),
                Arguments.of(
                        "accession number wins over patient and date",
                        List.of(
                                new Proc(1, "P1", "A1", null, null, DAY.minusDays(30)),
                                new Proc(2, "P1", null, null, null, DAY)),
                        new Study("P1", "A1", DAY, XA, List.of()),
                        Expect.link(LinkMethod.ACCESSION, 1)),
                Arguments.of(
                        "the worklist's Study Instance UID",
                        List.of(new Proc(3, "P1", null, "$study", null, DAY)),
                        new Study("P1", "A-unknown", DAY, XA, List.of()),
                        Expect.link(LinkMethod.STUDY_UID, 3)),
                Arguments.of(
                        "MPPS naming the order's accession number",
                        List.of(new Proc(4, "P1", "A4", null, null, DAY.minusDays(9))),
                        new Study("P1", null, DAY, XA, List.of(new MppsOrderLike("A4", null))),
                        Expect.link(LinkMethod.MPPS, 4)),
                Arguments.of(
                        "MPPS naming the requested procedure of the same patient",
                        List.of(
                                new Proc(5, "P1", null, null, "RP5", DAY.minusDays(9)),
                                new Proc(6, "P2", null, null, "RP5", DAY)),
                        new Study("P1", null, DAY, XA, List.of(new MppsOrderLike(null, "RP5"))),
                        Expect.link(LinkMethod.MPPS, 5)),
                Arguments.of(
                        "patient and date within the window",
                        List.of(new Proc(7, "P1", null, null, null, DAY.plusDays(1))),
                        new Study("P1", null, DAY, XA, List.of()),
                        Expect.link(LinkMethod.PATIENT_DATE, 7)),
                Arguments.of(
                        "patient and date outside the window: unmatched",
                        List.of(new Proc(8, "P1", null, null, null, DAY.plusDays(2))),
                        new Study("P1", null, DAY, XA, List.of()),
                        Expect.queued("UNMATCHED")),
                Arguments.of(
                        "two procedures by accession: ambiguous",
                        List.of(new Proc(9, "P1", "A9", null, null, DAY), new Proc(10, "P1", "A9", null, null, DAY)),
                        new Study("P1", "A9", DAY, XA, List.of()),
                        Expect.queued("AMBIGUOUS", 9L, 10L)),
                Arguments.of(
                        "two procedures of the patient that day: ambiguous",
                        List.of(new Proc(11, "P1", null, null, null, DAY), new Proc(12, "P1", null, null, null, DAY)),
                        new Study("P1", null, DAY, XA, List.of()),
                        Expect.queued("AMBIGUOUS", 11L, 12L)),
                Arguments.of(
                        "accession of another patient's procedure: conflict, never linked",
                        List.of(new Proc(13, "P2", "A13", null, null, DAY)),
                        new Study("P1", "A13", DAY, XA, List.of()),
                        Expect.queued(StudyLinker.CONFLICT, 13L)),
                Arguments.of(
                        "no key and not guidance imaging: set aside",
                        List.of(new Proc(14, "P1", null, null, null, DAY)),
                        new Study("P1", null, DAY, List.of("MR"), List.of()),
                        Expect.queued(LinkRepository.NOT_GUIDANCE)),
                Arguments.of(
                        "accession matches even when the study is not guidance imaging",
                        List.of(new Proc(15, "P1", "A15", null, null, DAY)),
                        new Study("P1", "A15", DAY, List.of("SR"), List.of()),
                        Expect.link(LinkMethod.ACCESSION, 15)),
                Arguments.of(
                        "nothing matches: unmatched",
                        List.of(),
                        new Study("P1", null, DAY, XA, List.of()),
                        Expect.queued("UNMATCHED")));
    }

    @BeforeAll
    static void database() {
        DriverManagerDataSource ds = new DriverManagerDataSource(
                "jdbc:h2:mem:linker-rules;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa",
                "");
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new JdbcTemplate(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRulesDecide(String name, List<Proc> procedures, Study study, Expect expect) {
        int n = SEQ.incrementAndGet();
        String uid = "2.25." + (900_000 + n);
        long base =
                n * 100L; // procedure ids of this case: base + the table's id (the link table's foreign key needs rows)
        List<Proc> procs = procedures.stream()
                .map(p -> new Proc(
                        base + p.id(),
                        p.patient(),
                        p.accession(),
                        "$study".equals(p.studyUid()) ? uid : p.studyUid(),
                        p.requestedProcedure(),
                        p.date()))
                .toList();
        for (Proc p : procs) {
            jdbc.update("""
                    INSERT INTO procedure_record (id, version, status, study_instance_uid, patient_id, date_of_service, cpt_code,
                      region, modality, updated_at, updated_by) VALUES (?, 1, 'SCHEDULED', ?, ?, ?, '62323', 'LUMBAR_SACRAL', 'RF',
                      CURRENT_TIMESTAMP, 'test')""", p.id(), "2.25." + (700_000_000L + p.id()), p.patient(), java.sql.Date.valueOf(p.date()));
        }
        expect = new Expect(
                expect.method(),
                expect.procedure() == null ? null : base + expect.procedure(),
                expect.reason(),
                expect.candidates().stream().map(c -> base + c).toList());
        List<Object> published = new ArrayList<>();
        StudyLinker linker = new StudyLinker(
                new LinkRepository(jdbc),
                new Sources(uid, study, procs),
                new StudyQueries(jdbc),
                new LinkerProperties(1, List.of("XA", "RF", "CT")),
                tx,
                published::add,
                Mockito.mock(AuditTrail.class));

        Optional<StudyLink> made = linker.evaluate(uid);

        if (expect.method() != null) {
            assertTrue(made.isPresent(), name + ": expected a link");
            assertEquals(expect.method(), made.get().method(), name);
            assertEquals(expect.procedure().longValue(), made.get().procedureId(), name);
            assertEquals(
                    LinkMethod.valueOf(linker.linkOf(uid).orElseThrow().method().name()), expect.method(), name);
            assertTrue(
                    published.stream().anyMatch(e -> e instanceof StudyLinker.StudyLinked),
                    name + ": StudyLinked published");
        } else {
            assertTrue(made.isEmpty(), name + ": expected no link but got " + made);
            Map<String, Object> row =
                    jdbc.queryForMap("SELECT reason, candidates FROM link_queue WHERE study_instance_uid = ?", uid);
            assertEquals(expect.reason(), row.get("reason"), name);
            String ids = String.join(
                    ",", expect.candidates().stream().map(String::valueOf).toList());
            assertEquals(ids.isEmpty() ? null : ids, row.get("candidates"), name);
            assertTrue(linker.linkOf(uid).isEmpty(), name + ": nothing linked");
            assertEquals(
                    !expect.reason().equals(LinkRepository.NOT_GUIDANCE),
                    linker.queue(0, 1000).stream()
                            .anyMatch(q -> q.studyInstanceUid().equals(uid)),
                    name + ": listed for a person unless set aside");
        }
        // a study the rules have seen is not looked at again
        assertTrue(linker.evaluate(uid).isEmpty(), name + ": evaluated once");
    }

    /** The facts of one case, answered as the archive, procedures and MPPS records would. */
    private record Sources(String uid, Study study, List<Proc> procs) implements LinkSources {
        @Override
        public Optional<StudyFacts> study(String studyInstanceUid) {
            return studyInstanceUid.equals(uid)
                    ? Optional.of(new StudyFacts(
                            uid, study.patient(), null, study.accession(), study.date(), study.modalities()))
                    : Optional.empty();
        }

        @Override
        public List<Long> byAccession(String accessionNumber) {
            return procs.stream()
                    .filter(p -> accessionNumber.equals(p.accession()))
                    .map(Proc::id)
                    .toList();
        }

        @Override
        public List<Long> byAssignedStudyUid(String studyInstanceUid) {
            return procs.stream()
                    .filter(p -> studyInstanceUid.equals(p.studyUid()))
                    .map(Proc::id)
                    .toList();
        }

        @Override
        public List<Long> byMpps(String studyInstanceUid, String patientId) {
            if (!studyInstanceUid.equals(uid)) return List.of();
            return procs.stream()
                    .filter(p -> study.mpps().stream()
                            .anyMatch(
                                    m -> (m.accession() != null && m.accession().equals(p.accession()))
                                            || (m.requestedProcedure() != null
                                                    && m.requestedProcedure().equals(p.requestedProcedure())
                                                    && p.patient().equals(patientId))))
                    .map(Proc::id)
                    .toList();
        }

        @Override
        public List<Long> byPatientAndDate(String patientId, LocalDate from, LocalDate to) {
            return procs.stream()
                    .filter(p -> p.patient().equals(patientId)
                            && !p.date().isBefore(from)
                            && !p.date().isAfter(to))
                    .map(Proc::id)
                    .toList();
        }

        @Override
        public Optional<String> procedurePatient(long procedureId) {
            return procs.stream()
                    .filter(p -> p.id() == procedureId)
                    .map(Proc::patient)
                    .findFirst();
        }
    }
}
