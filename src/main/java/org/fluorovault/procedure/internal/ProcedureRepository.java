package org.fluorovault.procedure.internal;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureData;
import org.fluorovault.procedure.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Procedure tables: {@code procedure_record} (current state, indexed scalar columns) and the
 * append-only {@code procedure_version} (each version's complete record as JSON). Callers run
 * the writes in one transaction.
 */
@Repository
public class ProcedureRepository {
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    static final String CURRENT = "SELECT v.doc FROM procedure_record r JOIN procedure_version v"
            + " ON v.procedure_id = r.id AND v.version = r.version";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public ProcedureRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the record row (version 1) and returns its id. */
    public long insert(Status status, String studyUid, ProcedureData d, Instant at, String user) {
        String sql = "INSERT INTO procedure_record (version, status, study_instance_uid, " + COLUMNS
                + ", updated_at, updated_by) VALUES (1, ?, ?, " + "?,".repeat(COLUMN_COUNT) + " ?, ?)";
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement(sql, new String[] {"id"});
                    int i = 1;
                    ps.setString(i++, status.name());
                    ps.setString(i++, studyUid);
                    for (Object o : values(d)) ps.setObject(i++, o);
                    ps.setTimestamp(i++, Timestamp.from(at));
                    ps.setString(i, user);
                    return ps;
                },
                keys);
        return keys.getKey().longValue();
    }

    /**
     * Moves the record row from {@code expectedVersion} to the next version; false when the
     * current version is another one (someone changed it meanwhile).
     */
    public boolean advance(long id, int expectedVersion, Status status, ProcedureData d, Instant at, String user) {
        String sql = "UPDATE procedure_record SET version = ?, status = ?, " + COLUMNS.replace(",", " = ?,") + " = ?,"
                + " updated_at = ?, updated_by = ? WHERE id = ? AND version = ?";
        List<Object> args = new ArrayList<>();
        args.add(expectedVersion + 1);
        args.add(status.name());
        args.addAll(values(d));
        args.add(Timestamp.from(at));
        args.add(user);
        args.add(id);
        args.add(expectedVersion);
        return jdbc.update(sql, args.toArray()) == 1;
    }

    public void appendVersion(Procedure p, String reason) {
        jdbc.update(
                "INSERT INTO procedure_version (procedure_id, version, status, doc, changed_at, changed_by, change_reason)"
                        + " VALUES (?,?,?,?,?,?,?)",
                p.id(),
                p.version(),
                p.status().name(),
                json.writeValueAsString(p),
                Timestamp.from(p.updatedAt()),
                p.updatedBy(),
                reason);
    }

    public Optional<Procedure> current(long id) {
        return jdbc.query(CURRENT + " WHERE r.id = ?", (rs, n) -> read(rs.getString(1)), id).stream()
                .findFirst();
    }

    /** The current version, locked for update (serialises concurrent changes of one record). */
    public Optional<Procedure> currentForUpdate(long id) {
        List<Integer> v =
                jdbc.queryForList("SELECT version FROM procedure_record WHERE id = ? FOR UPDATE", Integer.class, id);
        return v.isEmpty() ? Optional.empty() : current(id);
    }

    public List<Procedure> versions(long id) {
        return jdbc.query(
                "SELECT doc FROM procedure_version WHERE procedure_id = ? ORDER BY version",
                (rs, n) -> read(rs.getString(1)),
                id);
    }

    /** The change reasons of each version, in version order. */
    public List<String> reasons(long id) {
        return jdbc.queryForList(
                "SELECT change_reason FROM procedure_version WHERE procedure_id = ? ORDER BY version",
                String.class,
                id);
    }

    public List<Procedure> forPatient(String patientId) {
        return jdbc.query(
                CURRENT + " WHERE r.patient_id = ? ORDER BY r.date_of_service, r.id",
                (rs, n) -> read(rs.getString(1)),
                patientId);
    }

    public List<Procedure> byAccession(String accession) {
        return jdbc.query(
                CURRENT + " WHERE r.accession_number = ? ORDER BY r.id", (rs, n) -> read(rs.getString(1)), accession);
    }

    /** The ids of the records not CANCELLED matching one key, oldest first: the linker's candidate lookups. */
    public List<Long> activeIds(ActiveKey key, Object... values) {
        return jdbc.queryForList(
                "SELECT id FROM procedure_record WHERE " + key.where + " AND status <> 'CANCELLED' ORDER BY id",
                Long.class,
                values);
    }

    /** The keys {@link #activeIds} looks records up by; the SQL stays here. */
    public enum ActiveKey {
        ACCESSION("accession_number = ?"),
        STUDY_UID("study_instance_uid = ?"),
        REQUESTED_PROCEDURE("requested_procedure_id = ? AND patient_id = ?"),
        PATIENT_AND_DATES("patient_id = ? AND date_of_service BETWEEN ? AND ?");

        final String where;

        ActiveKey(String where) {
            this.where = where;
        }
    }

    /** One page of the records matching the criteria (any may be null), by date of service, and the total. */
    public Page search(String patientId, String accession, LocalDate from, LocalDate to, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (patientId != null) {
            where.append(" AND r.patient_id = ?");
            args.add(patientId);
        }
        if (accession != null) {
            where.append(" AND r.accession_number = ?");
            args.add(accession);
        }
        if (from != null) {
            where.append(" AND r.date_of_service >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" AND r.date_of_service <= ?");
            args.add(to);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM procedure_record r" + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<Procedure> items = jdbc.query(
                CURRENT + where + " ORDER BY r.date_of_service, r.id LIMIT ? OFFSET ?",
                (rs, n) -> read(rs.getString(1)),
                args.toArray());
        return new Page(items, page, size, total == null ? 0 : total);
    }

    public record Page(List<Procedure> items, int page, int size, long total) {}

    public Procedure read(String doc) {
        return json.readValue(doc, Procedure.class);
    }

    static final String COLUMNS = "patient_id, patient_name, birth_date, sex, accession_number, requested_procedure_id,"
            + " scheduled_at, performed_at, date_of_service, cpt_code, region, approach, laterality, physician_name,"
            + " physician_npi, facility, modality, station_ae_title, sps_start_date, sps_start_time";
    private static final int COLUMN_COUNT = COLUMNS.split(",").length;

    private static List<Object> values(ProcedureData d) {
        var p = d.patient();
        var doctor = d.physician();
        LocalDateTime sched = d.scheduledAt();
        List<Object> v = new ArrayList<>();
        v.add(p.id());
        v.add(p.name());
        v.add(p.birthDate());
        v.add(p.sex() == null ? null : p.sex().name());
        v.add(d.accessionNumber());
        v.add(d.requestedProcedureId());
        v.add(d.scheduledAt());
        v.add(d.performedAt());
        v.add(d.dateOfService());
        v.add(d.cptCode());
        v.add(d.region().name());
        v.add(d.approach() == null ? null : d.approach().name());
        v.add(d.laterality() == null ? null : d.laterality().name());
        v.add(doctor == null ? null : doctor.name());
        v.add(doctor == null ? null : doctor.npi());
        v.add(d.facility());
        v.add(d.modality());
        v.add(d.scheduledStationAeTitle());
        v.add(sched == null ? null : sched.format(DA));
        v.add(sched == null ? null : sched.format(TM));
        return v;
    }
}
