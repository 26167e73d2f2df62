package org.fluorovault.review.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The record of each review: which documents it wrote, by whom, when. Append-only. */
@Repository
public class ReviewRepository {
    private final JdbcTemplate jdbc;

    public ReviewRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String studyUid, String srUid, String kosUid, String author, String role, Instant at) {
        jdbc.update(
                "INSERT INTO review_document (study_instance_uid, sr_sop_instance_uid, kos_sop_instance_uid, author,"
                        + " author_role, created_at) VALUES (?,?,?,?,?,?)",
                studyUid,
                srUid,
                kosUid,
                author,
                role,
                Timestamp.from(at));
    }
}
