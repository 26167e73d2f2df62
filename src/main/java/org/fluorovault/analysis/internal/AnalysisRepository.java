package org.fluorovault.analysis.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fluorovault.analysis.ContrastAnalysis;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Stored analysis results, one per object and algorithm version; saving again replaces the row. */
@Repository
public class AnalysisRepository {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate named;

    public AnalysisRepository(JdbcTemplate jdbc, TransactionTemplate tx, JsonMapper json) {
        this.named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    public Optional<ContrastAnalysis> find(String sopInstanceUid, String version) {
        List<String> r = jdbc.queryForList(
                "SELECT result_json FROM analysis_result WHERE sop_instance_uid = ? AND algorithm_version = ?",
                String.class,
                sopInstanceUid,
                version);
        return r.isEmpty() ? Optional.empty() : Optional.of(json.readValue(r.get(0), ContrastAnalysis.class));
    }

    public void save(String sopInstanceUid, ContrastAnalysis a, Instant at) {
        String body = json.writeValueAsString(a);
        tx.executeWithoutResult(s -> {
            jdbc.update(
                    "DELETE FROM analysis_result WHERE sop_instance_uid = ? AND algorithm_version = ?",
                    sopInstanceUid,
                    a.algorithmVersion());
            jdbc.update(
                    """
                    INSERT INTO analysis_result (sop_instance_uid, algorithm_version, contrast_detected, onset_frame,
                      peak_frame, area_mm2, craniocaudal_extent_mm, suggested_pattern, confidence, result_json, analysed_at)
                    VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                    sopInstanceUid,
                    a.algorithmVersion(),
                    a.contrastDetected(),
                    a.onsetFrame(),
                    a.peakFrame(),
                    a.areaMm2(),
                    a.craniocaudalExtentMm(),
                    a.suggestedPattern().name(),
                    a.confidence(),
                    body,
                    Timestamp.from(at));
        });
    }

    public int count(String sopInstanceUid) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM analysis_result WHERE sop_instance_uid = ?", Integer.class, sopInstanceUid);
        return n == null ? 0 : n;
    }

    /** The instances among {@code sopInstanceUids} with a stored analysis result (of any version). */
    public java.util.Set<String> analysed(java.util.Collection<String> sopInstanceUids) {
        java.util.Set<String> out = new java.util.HashSet<>();
        java.util.List<String> all = java.util.List.copyOf(sopInstanceUids);
        for (int i = 0; i < all.size(); i += 500) {
            out.addAll(named.queryForList(
                    "SELECT DISTINCT sop_instance_uid FROM analysis_result WHERE sop_instance_uid IN (:uids)",
                    java.util.Map.of("uids", all.subList(i, Math.min(all.size(), i + 500))),
                    String.class));
        }
        return out;
    }
}
