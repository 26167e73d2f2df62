package org.fluorovault.procedure.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the archive holds for procedures, as the worklist status needs it: two queries for a whole
 * page of procedures, over the study links, the archive index, the analysis results and the
 * annotations.
 */
@Repository
public class WorklistFacts {
    private final JdbcTemplate jdbc;

    public WorklistFacts(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /** The procedures among {@code ids} with a linked study that holds at least one stored instance. */
    public Set<Long> withImages(Collection<Long> ids) {
        return ids(ids, """
                SELECT DISTINCT l.procedure_id FROM study_link l JOIN study s ON s.study_instance_uid = l.study_instance_uid
                WHERE l.procedure_id IN (%s)
                  AND EXISTS (SELECT 1 FROM series se JOIN instance i ON i.series_fk = se.id WHERE se.study_fk = s.id)""");
    }

    /** The procedures among {@code ids} with an analysis result or an annotation for an instance of a linked study. */
    public Set<Long> reviewable(Collection<Long> ids) {
        return ids(ids, """
                SELECT DISTINCT l.procedure_id FROM study_link l WHERE l.procedure_id IN (%s)
                  AND (EXISTS (SELECT 1 FROM annotation a WHERE a.study_instance_uid = l.study_instance_uid)
                    OR EXISTS (SELECT 1 FROM study s JOIN series se ON se.study_fk = s.id JOIN instance i ON i.series_fk = se.id
                               JOIN analysis_result r ON r.sop_instance_uid = i.sop_instance_uid
                               WHERE s.study_instance_uid = l.study_instance_uid))""");
    }

    private Set<Long> ids(Collection<Long> ids, String sql) {
        if (ids.isEmpty()) return Set.of();
        List<Long> found = jdbc.queryForList(sql.formatted(String.join(",", java.util.Collections.nCopies(ids.size(), "?"))),
                Long.class, ids.toArray());
        return new HashSet<>(found);
    }
}
