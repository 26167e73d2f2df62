package org.fluorovault.linking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The linker's own tables: links ({@code study_link}), their history ({@code study_link_event}) and the queue ({@code link_queue}). */
@Repository
class LinkRepository {
    /** Queue reason of studies without guidance imaging: kept so they are not looked at again, never listed. */
    static final String NOT_GUIDANCE = "NOT_GUIDANCE";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    LinkRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    Optional<StudyLink> link(String studyUid) {
        return jdbc
                .query("SELECT * FROM study_link WHERE study_instance_uid = ?", LinkRepository::toLink, studyUid)
                .stream()
                .findFirst();
    }

    List<StudyLink> links(long procedureId) {
        return jdbc.query(
                "SELECT * FROM study_link WHERE procedure_id = ? ORDER BY linked_at, study_instance_uid",
                LinkRepository::toLink,
                procedureId);
    }

    List<LinkEvent> history(long procedureId) {
        return jdbc.query(
                "SELECT * FROM study_link_event WHERE procedure_id = ? ORDER BY id",
                (rs, i) -> new LinkEvent(
                        rs.getLong("id"),
                        rs.getString("study_instance_uid"),
                        rs.getLong("procedure_id"),
                        rs.getString("action"),
                        LinkMethod.valueOf(rs.getString("method")),
                        rs.getString("actor"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("detail")),
                procedureId);
    }

    void insertLink(StudyLink l, String detail) {
        jdbc.update(
                "INSERT INTO study_link (study_instance_uid, procedure_id, method, linked_by, linked_at) VALUES (?,?,?,?,?)",
                l.studyInstanceUid(),
                l.procedureId(),
                l.method().name(),
                l.linkedBy(),
                Timestamp.from(l.linkedAt()));
        event(l.studyInstanceUid(), l.procedureId(), "LINK", l.method(), l.linkedBy(), l.linkedAt(), detail);
        jdbc.update("DELETE FROM link_queue WHERE study_instance_uid = ?", l.studyInstanceUid());
    }

    void deleteLink(StudyLink l, String actor, Instant at, String detail) {
        jdbc.update("DELETE FROM study_link WHERE study_instance_uid = ?", l.studyInstanceUid());
        event(l.studyInstanceUid(), l.procedureId(), "UNLINK", LinkMethod.USER, actor, at, detail);
    }

    private void event(
            String studyUid,
            long procedureId,
            String action,
            LinkMethod method,
            String actor,
            Instant at,
            String detail) {
        jdbc.update(
                "INSERT INTO study_link_event (study_instance_uid, procedure_id, action, method, actor, at, detail) VALUES (?,?,?,?,?,?,?)",
                studyUid,
                procedureId,
                action,
                method.name(),
                actor,
                Timestamp.from(at),
                clip(detail, 512));
    }

    /** Puts (or updates) a study in the work queue; a manual entry stays manual. */
    void queue(String studyUid, String reason, List<Long> candidates, boolean manual, Instant at, String detail) {
        String ids = candidates.isEmpty()
                ? null
                : clip(String.join(",", candidates.stream().map(String::valueOf).toList()), 512);
        int updated = jdbc.update(
                "UPDATE link_queue SET reason = ?, candidates = ?, manual = (manual OR ?), detail = ? WHERE study_instance_uid = ?",
                reason,
                ids,
                manual,
                clip(detail, 512),
                studyUid);
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO link_queue (study_instance_uid, reason, candidates, manual, queued_at, detail) VALUES (?,?,?,?,?,?)",
                    studyUid,
                    reason,
                    ids,
                    manual,
                    Timestamp.from(at),
                    clip(detail, 512));
        }
    }

    boolean isManual(String studyUid) {
        return Boolean.TRUE.equals(jdbc.query(
                "SELECT manual FROM link_queue WHERE study_instance_uid = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null,
                studyUid));
    }

    /** One page of the queue as stored, oldest first (the study's facts are the archive's to add). */
    List<QueueRow> queue(int page, int size) {
        return jdbc.query(
                """
                SELECT study_instance_uid, reason, candidates, queued_at, detail FROM link_queue WHERE reason <> 'NOT_GUIDANCE'
                ORDER BY queued_at, study_instance_uid LIMIT ? OFFSET ?""",
                (rs, i) -> new QueueRow(
                        rs.getString(1),
                        rs.getString(2),
                        ids(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)),
                size,
                (long) page * size);
    }

    record QueueRow(String studyInstanceUid, String reason, List<Long> candidates, Instant queuedAt, String detail) {}

    /** The studies among {@code studyUids} that are queued and not held by a person. */
    List<String> queuedForRules(Collection<String> studyUids) {
        if (studyUids.isEmpty()) return List.of();
        return named.queryForList(
                "SELECT study_instance_uid FROM link_queue WHERE manual = FALSE AND study_instance_uid IN (:uids)",
                Map.of("uids", studyUids),
                String.class);
    }

    /** The linked studies of each of the given procedures that has any. */
    Map<Long, Set<String>> studiesOf(Collection<Long> procedureIds) {
        Map<Long, Set<String>> out = new java.util.HashMap<>();
        if (procedureIds.isEmpty()) return out;
        named.query(
                "SELECT procedure_id, study_instance_uid FROM study_link WHERE procedure_id IN (:ids)",
                Map.of("ids", procedureIds),
                rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
                });
        return out;
    }

    /** Every study the linker has seen: linked or queued. */
    Set<String> seenStudies() {
        Set<String> seen = new HashSet<>(jdbc.queryForList("SELECT study_instance_uid FROM study_link", String.class));
        seen.addAll(jdbc.queryForList("SELECT study_instance_uid FROM link_queue", String.class));
        return seen;
    }

    private static StudyLink toLink(ResultSet rs, int i) throws SQLException {
        return new StudyLink(
                rs.getString("study_instance_uid"),
                rs.getLong("procedure_id"),
                LinkMethod.valueOf(rs.getString("method")),
                rs.getString("linked_by"),
                rs.getTimestamp("linked_at").toInstant());
    }

    private static List<Long> ids(String csv) {
        return csv == null || csv.isBlank()
                ? List.of()
                : Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
