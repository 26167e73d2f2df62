package org.fluorovault.procedure.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The studies linked to procedures that hold images, as the worklist status needs them: one query for a page. */
@Repository
public class WorklistFacts {
    private final JdbcTemplate jdbc;

    public WorklistFacts(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /** For the procedures among {@code ids} that have any: their linked studies that hold at least one stored instance. */
    public Map<Long, Set<String>> studiesWithImages(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        Map<Long, Set<String>> out = new HashMap<>();
        jdbc.query("""
                SELECT l.procedure_id, l.study_instance_uid FROM study_link l JOIN study s ON s.study_instance_uid = l.study_instance_uid
                WHERE l.procedure_id IN (%s)
                  AND EXISTS (SELECT 1 FROM series se JOIN instance i ON i.series_fk = se.id WHERE se.study_fk = s.id)"""
                        .formatted(String.join(",", java.util.Collections.nCopies(ids.size(), "?"))),
                rs -> { out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2)); }, ids.toArray());
        return out;
    }
}
