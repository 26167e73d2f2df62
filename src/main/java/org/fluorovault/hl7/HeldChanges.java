package org.fluorovault.hl7;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.fluorovault.common.ConflictException;
import org.fluorovault.common.NotFoundException;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.Procedure.Sex;
import org.fluorovault.procedure.ProcedureService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The HL7 changes to SIGNED records held for a person (table {@code hl7_held_change}): queued
 * while the message is applied (same transaction), listed, and applied or discarded once.
 */
@Service
class HeldChanges {
    /** There is no held change with that id (404). */
    static final class NoSuchHeldChangeException extends NotFoundException {
        NoSuchHeldChangeException(String message) {
            super(message);
        }
    }

    /** The held change was already applied or discarded (409). */
    static final class AlreadyDecidedException extends ConflictException {
        AlreadyDecidedException(String message) {
            super(message);
        }
    }

    /** The message a held change comes from. */
    record Origin(String messageType, String controlId, String sender, String sourceAddress) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ProcedureService procedures;
    private final Clock clock = Clock.systemUTC();

    HeldChanges(JdbcTemplate jdbc, TransactionTemplate tx, ProcedureService procedures) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.procedures = procedures;
    }

    /** Queues the change of {@code record}'s patient to {@code patient} (inside the caller's transaction). */
    void hold(Procedure record, Patient patient, Origin o) {
        jdbc.update(
                """
                INSERT INTO hl7_held_change (procedure_id, procedure_version, message_type, control_id, sender, source_address,
                  received_at, current_patient_id, patient_id, patient_name, birth_date, sex, status)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'HELD')""",
                record.id(),
                record.version(),
                o.messageType(),
                clip(o.controlId(), 199),
                clip(o.sender(), 128),
                clip(o.sourceAddress(), 64),
                Timestamp.from(clock.instant()),
                record.patient().id(),
                patient.id(),
                patient.name(),
                patient.birthDate() == null ? null : Date.valueOf(patient.birthDate()),
                patient.sex() == null ? null : patient.sex().name());
    }

    /** Held changes in this status (all when null), oldest first. */
    List<HeldChange> list(HeldChange.Status status, int page, int size) {
        return status == null
                ? jdbc.query(
                        "SELECT * FROM hl7_held_change ORDER BY id LIMIT ? OFFSET ?",
                        HeldChanges::row,
                        size,
                        (long) page * size)
                : jdbc.query(
                        "SELECT * FROM hl7_held_change WHERE status = ? ORDER BY id LIMIT ? OFFSET ?",
                        HeldChanges::row,
                        status.name(),
                        size,
                        (long) page * size);
    }

    Optional<HeldChange> find(long id) {
        return jdbc.query("SELECT * FROM hl7_held_change WHERE id = ?", HeldChanges::row, id).stream()
                .findFirst();
    }

    /**
     * Applies a held change: the record gets the message's patient as a new version (a SIGNED
     * record becomes REVIEWED and must be signed again). Returns the record as it is after.
     */
    Procedure apply(long id, String user, String reason) {
        return tx.execute(s -> {
            HeldChange h = decide(id, HeldChange.Status.APPLIED, user, reason);
            return procedures.changePatient(
                    h.procedureId(),
                    h.patient(),
                    user,
                    "HL7 " + h.messageType() + " " + h.controlId() + " applied by " + user);
        });
    }

    /** Discards a held change: the record stays as it is. */
    HeldChange discard(long id, String user, String reason) {
        return tx.execute(s -> decide(id, HeldChange.Status.DISCARDED, user, reason));
    }

    private HeldChange decide(long id, HeldChange.Status to, String user, String reason) {
        HeldChange h = find(id).orElseThrow(() -> new NoSuchHeldChangeException("no held HL7 change " + id));
        int n = jdbc.update(
                "UPDATE hl7_held_change SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? "
                        + "WHERE id = ? AND status = 'HELD'",
                to.name(),
                clip(user, 64),
                Timestamp.from(clock.instant()),
                clip(reason, 256),
                id);
        if (n == 0)
            throw new AlreadyDecidedException("held HL7 change " + id + " was already "
                    + find(id).map(HeldChange::status).orElse(h.status()));
        return h;
    }

    private static HeldChange row(ResultSet rs, int i) throws SQLException {
        Date birth = rs.getDate("birth_date");
        String sex = rs.getString("sex");
        Timestamp decided = rs.getTimestamp("decided_at");
        return new HeldChange(
                rs.getLong("id"),
                rs.getLong("procedure_id"),
                rs.getInt("procedure_version"),
                rs.getString("message_type"),
                rs.getString("control_id"),
                rs.getString("sender"),
                rs.getString("source_address"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("current_patient_id"),
                new Patient(
                        rs.getString("patient_id"),
                        rs.getString("patient_name"),
                        birth == null ? null : birth.toLocalDate(),
                        sex == null ? null : Sex.valueOf(sex)),
                HeldChange.Status.valueOf(rs.getString("status")),
                rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(),
                rs.getString("decision_reason"));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
