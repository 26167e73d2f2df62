package org.fluorovault.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditEventTypeCode;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditPage;
import org.fluorovault.audit.AuditRecord;
import org.fluorovault.audit.ChainVerification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit_event table: insert-only (this class has no UPDATE or DELETE), hash-chained. Appends
 * are serialised by a JVM lock and, across processes sharing the database, by a row lock on
 * audit_chain_lock; the primary key on the sequential id is the last guard against a fork.
 */
@Component
public class AuditStore {
    private static final String COLUMNS = "id, event_time, event_id, event_type_code, action_code, outcome, user_id, "
            + "user_role, source_address, patient_id, procedure_id, study_uid, detail, hash";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ReentrantLock appendLock = new ReentrantLock(true);

    public AuditStore(JdbcTemplate jdbc, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
    }

    /** Appends one event at the end of the chain; returns it as stored. */
    public AuditRecord append(AuditEvent event) {
        AuditEvent e = fit(event);
        appendLock.lock();
        try {
            return tx.execute(s -> {
                jdbc.queryForObject("SELECT id FROM audit_chain_lock WHERE id = 1 FOR UPDATE", Integer.class);
                List<Object[]> last = jdbc.query("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1", (rs, n) ->
                        new Object[] {rs.getLong(1), rs.getString(2)});
                long id = last.isEmpty() ? 1 : (Long) last.get(0)[0] + 1;
                String prev = last.isEmpty() ? Canonical.GENESIS : (String) last.get(0)[1];
                AuditEvent stamped = e.at(Canonical.truncate(e.time() != null ? e.time() : Instant.now()));
                String hash = Canonical.hash(prev, id, stamped);
                jdbc.update(
                        "INSERT INTO audit_event (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        id,
                        OffsetDateTime.ofInstant(stamped.time(), ZoneOffset.UTC),
                        stamped.eventId().code(),
                        stamped.typeCode() == null ? null : stamped.typeCode().code(),
                        stamped.action().name(),
                        stamped.outcome().code(),
                        stamped.user(),
                        stamped.role(),
                        stamped.sourceAddress(),
                        stamped.patientId(),
                        stamped.procedureId(),
                        stamped.studyUid(),
                        stamped.detail(),
                        hash);
                return new AuditRecord(id, stamped, hash);
            });
        } finally {
            appendLock.unlock();
        }
    }

    /** Cuts values to their column widths before hashing, so the stored row is what was hashed. */
    private static AuditEvent fit(AuditEvent e) {
        return new AuditEvent(
                e.eventId(),
                e.typeCode(),
                e.action(),
                e.outcome(),
                cut(e.user(), 128),
                cut(e.role(), 64),
                cut(e.sourceAddress(), 128),
                cut(e.patientId(), 64),
                cut(e.procedureId(), 64),
                cut(e.studyUid(), 64),
                cut(e.detail(), 1024),
                e.time());
    }

    private static String cut(String s, int max) {
        if (s == null) return null;
        return s.length() <= max ? s : s.substring(0, max);
    }

    public AuditPage search(AuditFilter f, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (f.user() != null) {
            where.append(" AND user_id = ?");
            args.add(f.user());
        }
        if (f.patientId() != null) {
            where.append(" AND patient_id = ?");
            args.add(f.patientId());
        }
        if (f.procedureId() != null) {
            where.append(" AND procedure_id = ?");
            args.add(f.procedureId());
        }
        if (f.type() != null) {
            where.append(" AND event_id = ?");
            args.add(f.type().code());
        }
        if (f.from() != null) {
            where.append(" AND event_time >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" AND event_time < ?");
            args.add(Timestamp.from(f.to()));
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditRecord> items = jdbc.query(
                "SELECT " + COLUMNS + " FROM audit_event" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, n) -> row(rs),
                pageArgs.toArray());
        return new AuditPage(items, page, size, total == null ? 0 : total);
    }

    /** Walks the chain in id order and stops at the first broken link. */
    public ChainVerification verify() {
        Walk w = new Walk();
        jdbc.query("SELECT " + COLUMNS + " FROM audit_event ORDER BY id", (RowCallbackHandler) rs -> {
            if (w.broken == null) w.accept(rs);
        });
        return new ChainVerification(w.broken == null, w.checked, w.broken, w.reason, w.lastId, w.lastHash);
    }

    private static final class Walk {
        long checked, lastId;
        String lastHash = Canonical.GENESIS;
        Long broken;
        String reason;

        void accept(ResultSet rs) throws SQLException {
            checked++;
            AuditRecord r;
            try {
                r = row(rs);
            } catch (RuntimeException e) {
                broken = rs.getLong(1);
                reason = "row " + broken + " cannot be read: " + e.getMessage();
                return;
            }
            if (r.id() != lastId + 1) {
                broken = lastId + 1;
                reason = r.id() > lastId + 1
                        ? "row " + (lastId + 1) + " is missing (next row is " + r.id() + ")"
                        : "row id " + r.id() + " out of sequence";
            } else {
                String expected = Canonical.hash(lastHash, r.id(), r.event());
                if (!expected.equals(r.hash())) {
                    broken = r.id();
                    reason = "hash of row " + r.id() + " does not match its content and the previous row's hash";
                }
            }
            if (broken == null) {
                lastId = r.id();
                lastHash = r.hash();
            }
        }
    }

    private static AuditRecord row(ResultSet rs) throws SQLException {
        String type = rs.getString(4);
        AuditEvent e = new AuditEvent(
                AuditEventType.ofCode(rs.getString(3)),
                type == null ? null : AuditEventTypeCode.ofCode(type),
                AuditAction.valueOf(rs.getString(5).trim()),
                AuditOutcome.ofCode(rs.getInt(6)),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getObject(2, OffsetDateTime.class).toInstant());
        return new AuditRecord(rs.getLong(1), e, rs.getString(14).trim());
    }
}
