package org.fluorovault.linking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The linker's SQL: study facts from the archive index, candidate procedures, links, history and queue. */
@Repository
class LinkRepository {
    /** What the rules need to know about a study. */
    record StudyFacts(String studyInstanceUid, String patientId, String issuer, String accessionNumber, LocalDate studyDate,
                      List<String> modalities) {}

    /** Queue reason of studies without guidance imaging: kept so they are not looked at again, never listed. */
    static final String NOT_GUIDANCE = "NOT_GUIDANCE";
    private static final String ACTIVE = "status <> 'CANCELLED'";
    private final JdbcTemplate jdbc;

    LinkRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StudyFacts> study(String studyUid) {
        List<StudyFacts> rows = jdbc.query("""
                SELECT s.id, s.study_instance_uid, p.patient_id, s.accession_number, s.study_date, s.created_at, p.issuer
                FROM study s JOIN patient p ON p.id = s.patient_fk WHERE s.study_instance_uid = ?""",
                (rs, i) -> new StudyFacts(rs.getString(2), rs.getString(3), blankToNull(rs.getString(7)), blankToNull(rs.getString(4)),
                        date(rs.getString(5), rs.getTimestamp(6)),
                        jdbc.queryForList("SELECT DISTINCT modality FROM series WHERE study_fk = ? AND modality IS NOT NULL ORDER BY modality",
                                String.class, rs.getLong(1))),
                studyUid);
        return rows.stream().findFirst();
    }

    List<Long> byAccession(String accession) {
        return jdbc.queryForList("SELECT id FROM procedure_record WHERE accession_number = ? AND " + ACTIVE + " ORDER BY id",
                Long.class, accession);
    }

    List<Long> byAssignedStudyUid(String studyUid) {
        return jdbc.queryForList("SELECT id FROM procedure_record WHERE study_instance_uid = ? AND " + ACTIVE, Long.class, studyUid);
    }

    /** Procedures named by the MPPS instances announcing this study (their order's accession or requested procedure). */
    List<Long> byMpps(String studyUid, String patientId) {
        return jdbc.queryForList("""
                SELECT DISTINCT r.id FROM mpps m JOIN procedure_record r
                  ON (m.accession_number IS NOT NULL AND r.accession_number = m.accession_number)
                  OR (m.requested_procedure_id IS NOT NULL AND r.requested_procedure_id = m.requested_procedure_id AND r.patient_id = ?)
                WHERE m.study_instance_uid = ? AND r.status <> 'CANCELLED' ORDER BY r.id""", Long.class, patientId, studyUid);
    }

    List<Long> byPatientAndDate(String patientId, LocalDate from, LocalDate to) {
        return jdbc.queryForList("SELECT id FROM procedure_record WHERE patient_id = ? AND date_of_service BETWEEN ? AND ? AND "
                + ACTIVE + " ORDER BY id", Long.class, patientId, java.sql.Date.valueOf(from), java.sql.Date.valueOf(to));
    }

    Optional<String> procedurePatient(long procedureId) {
        return jdbc.queryForList("SELECT patient_id FROM procedure_record WHERE id = ?", String.class, procedureId).stream().findFirst();
    }

    Optional<String> procedureStatus(long procedureId) {
        return jdbc.queryForList("SELECT status FROM procedure_record WHERE id = ?", String.class, procedureId).stream().findFirst();
    }

    Optional<StudyLink> link(String studyUid) {
        return jdbc.query("SELECT * FROM study_link WHERE study_instance_uid = ?", LinkRepository::toLink, studyUid).stream().findFirst();
    }

    List<StudyLink> links(long procedureId) {
        return jdbc.query("SELECT * FROM study_link WHERE procedure_id = ? ORDER BY linked_at, study_instance_uid",
                LinkRepository::toLink, procedureId);
    }

    List<LinkEvent> history(long procedureId) {
        return jdbc.query("SELECT * FROM study_link_event WHERE procedure_id = ? ORDER BY id", (rs, i) -> new LinkEvent(
                rs.getLong("id"), rs.getString("study_instance_uid"), rs.getLong("procedure_id"), rs.getString("action"),
                LinkMethod.valueOf(rs.getString("method")), rs.getString("actor"), rs.getTimestamp("at").toInstant(),
                rs.getString("detail")), procedureId);
    }

    void insertLink(StudyLink l, String detail) {
        jdbc.update("INSERT INTO study_link (study_instance_uid, procedure_id, method, linked_by, linked_at) VALUES (?,?,?,?,?)",
                l.studyInstanceUid(), l.procedureId(), l.method().name(), l.linkedBy(), Timestamp.from(l.linkedAt()));
        event(l.studyInstanceUid(), l.procedureId(), "LINK", l.method(), l.linkedBy(), l.linkedAt(), detail);
        jdbc.update("DELETE FROM link_queue WHERE study_instance_uid = ?", l.studyInstanceUid());
    }

    void deleteLink(StudyLink l, String actor, Instant at, String detail) {
        jdbc.update("DELETE FROM study_link WHERE study_instance_uid = ?", l.studyInstanceUid());
        event(l.studyInstanceUid(), l.procedureId(), "UNLINK", LinkMethod.USER, actor, at, detail);
    }

    private void event(String studyUid, long procedureId, String action, LinkMethod method, String actor, Instant at, String detail) {
        jdbc.update("INSERT INTO study_link_event (study_instance_uid, procedure_id, action, method, actor, at, detail) VALUES (?,?,?,?,?,?,?)",
                studyUid, procedureId, action, method.name(), actor, Timestamp.from(at), clip(detail, 512));
    }

    /** Puts (or updates) a study in the work queue; a manual entry stays manual. */
    void queue(String studyUid, String reason, List<Long> candidates, boolean manual, Instant at, String detail) {
        String ids = candidates.isEmpty() ? null : clip(String.join(",", candidates.stream().map(String::valueOf).toList()), 512);
        int updated = jdbc.update("UPDATE link_queue SET reason = ?, candidates = ?, manual = (manual OR ?), detail = ? WHERE study_instance_uid = ?",
                reason, ids, manual, clip(detail, 512), studyUid);
        if (updated == 0) {
            jdbc.update("INSERT INTO link_queue (study_instance_uid, reason, candidates, manual, queued_at, detail) VALUES (?,?,?,?,?,?)",
                    studyUid, reason, ids, manual, Timestamp.from(at), clip(detail, 512));
        }
    }

    boolean isManual(String studyUid) {
        return Boolean.TRUE.equals(jdbc.query("SELECT manual FROM link_queue WHERE study_instance_uid = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, studyUid));
    }

    List<QueuedStudy> queue(int page, int size) {
        return jdbc.query("""
                SELECT q.*, p.patient_id, s.study_date, s.accession_number, s.id AS study_pk
                FROM link_queue q LEFT JOIN study s ON s.study_instance_uid = q.study_instance_uid
                LEFT JOIN patient p ON p.id = s.patient_fk WHERE q.reason <> 'NOT_GUIDANCE'
                ORDER BY q.queued_at, q.study_instance_uid LIMIT ? OFFSET ?""",
                (rs, i) -> new QueuedStudy(rs.getString("study_instance_uid"), rs.getString("patient_id"),
                        rs.getString("study_date"), rs.getString("accession_number"),
                        jdbc.queryForList("SELECT DISTINCT modality FROM series WHERE study_fk = ? AND modality IS NOT NULL ORDER BY modality",
                                String.class, rs.getLong("study_pk")),
                        rs.getString("reason"), ids(rs.getString("candidates")), rs.getTimestamp("queued_at").toInstant(),
                        rs.getString("detail")),
                size, (long) page * size);
    }

    /** Queued studies, not held by a person, of this patient, accession number or Study Instance UID. */
    List<String> retryCandidates(String patientId, String accessionNumber, String studyInstanceUid) {
        // three indexed lookups rather than one OR the planner might answer with a scan
        return jdbc.queryForList("""
                SELECT q.study_instance_uid FROM patient p JOIN study s ON s.patient_fk = p.id
                  JOIN link_queue q ON q.study_instance_uid = s.study_instance_uid WHERE p.patient_id = ? AND q.manual = FALSE
                UNION SELECT q.study_instance_uid FROM study s JOIN link_queue q ON q.study_instance_uid = s.study_instance_uid
                  WHERE s.accession_number = ? AND q.manual = FALSE
                UNION SELECT q.study_instance_uid FROM link_queue q WHERE q.study_instance_uid = ? AND q.manual = FALSE""",
                String.class, patientId, accessionNumber, studyInstanceUid);
    }

    /** Studies neither linked nor queued (events lost in a crash are caught up at start). */
    List<String> unseenStudies() {
        return jdbc.queryForList("""
                SELECT s.study_instance_uid FROM study s
                WHERE NOT EXISTS (SELECT 1 FROM study_link l WHERE l.study_instance_uid = s.study_instance_uid)
                  AND NOT EXISTS (SELECT 1 FROM link_queue q WHERE q.study_instance_uid = s.study_instance_uid)""", String.class);
    }

    private static StudyLink toLink(ResultSet rs, int i) throws SQLException {
        return new StudyLink(rs.getString("study_instance_uid"), rs.getLong("procedure_id"),
                LinkMethod.valueOf(rs.getString("method")), rs.getString("linked_by"), rs.getTimestamp("linked_at").toInstant());
    }

    private static List<Long> ids(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }

    private static LocalDate date(String da, Timestamp created) {
        if (da != null && da.matches("\\d{8}")) {
            try {
                return LocalDate.of(Integer.parseInt(da.substring(0, 4)), Integer.parseInt(da.substring(4, 6)), Integer.parseInt(da.substring(6)));
            } catch (java.time.DateTimeException e) {
                // an impossible Study Date: fall back to when the study arrived
            }
        }
        return created.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
