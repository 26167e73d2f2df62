package org.fluorovault.evidence;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The images of linked studies as the rules see them, and the stored verdicts. */
@Repository
class EvidenceRepository {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    EvidenceRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(long procedureId, int procedureVersion, String user, Verdict v) {
        jdbc.update(
                """
                INSERT INTO evidence_verdict (procedure_id, procedure_version, rule_set_version, verdict, evaluated_at,
                  evaluated_by, result) VALUES (?,?,?,?,?,?,?)""",
                procedureId,
                procedureVersion,
                v.ruleSetVersion(),
                v.verdict().name(),
                Timestamp.from(v.evaluatedAt()),
                user,
                json.writeValueAsString(v));
    }

    /** The latest stored verdict of each of the procedures that has one, in one query. */
    List<VerdictSummary> latest(Collection<Long> procedureIds) {
        if (procedureIds.isEmpty()) return List.of();
        return JdbcClient.create(jdbc)
                .sql("""
                SELECT procedure_id, procedure_version, verdict, rule_set_version, evaluated_at FROM evidence_verdict
                WHERE id IN (SELECT MAX(id) FROM evidence_verdict WHERE procedure_id IN (:ids) GROUP BY procedure_id)""")
                .param("ids", procedureIds)
                .query((rs, n) -> new VerdictSummary(
                        rs.getLong(1),
                        rs.getInt(2),
                        VerdictStatus.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Stored verdicts of a procedure, newest first. */
    List<StoredVerdict> history(long procedureId, int limit) {
        return jdbc.query(
                """
                SELECT id, procedure_version, evaluated_by, result FROM evidence_verdict WHERE procedure_id = ?
                ORDER BY id DESC LIMIT ?""",
                (rs, n) -> new StoredVerdict(
                        rs.getLong(1),
                        procedureId,
                        rs.getInt(2),
                        rs.getString(3),
                        json.readValue(rs.getString(4), Verdict.class)),
                procedureId,
                limit);
    }
}
