package org.fluorovault.review.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.fluorovault.review.Annotation;
import org.fluorovault.review.NeedleTip;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Append-only storage of annotation versions: rows are inserted, never updated or deleted. */
@Repository
public class AnnotationRepository {
    private static final String COLUMNS = """
            sop_instance_uid, study_instance_uid, series_instance_uid, version, needle_frame, needle_column, needle_row,
            level_, approach, laterality, view_, contrast_pattern, contrast_text, key_image, key_frames, author,
            author_role, created_at""";

    private final JdbcTemplate jdbc;

    public AnnotationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The highest version of an instance's annotation, 0 when none. */
    public int latestVersion(String sopInstanceUid) {
        Integer v = jdbc.queryForObject(
                "SELECT COALESCE(MAX(version), 0) FROM annotation WHERE sop_instance_uid = ?",
                Integer.class,
                sopInstanceUid);
        return v == null ? 0 : v;
    }

    /** Inserts a version; a concurrent insert of the same version fails on the unique key. */
    public void insert(Annotation a) {
        NeedleTip t = a.needleTip();
        jdbc.update(
                "INSERT INTO annotation (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                a.sopInstanceUid(),
                a.studyInstanceUid(),
                a.seriesInstanceUid(),
                a.version(),
                t == null ? null : t.frame(),
                t == null ? null : t.column(),
                t == null ? null : t.row(),
                a.level(),
                a.approach(),
                a.laterality(),
                a.view(),
                a.contrastPattern(),
                a.contrastText(),
                a.keyImage(),
                a.keyFrames().isEmpty()
                        ? null
                        : a.keyFrames().stream().map(String::valueOf).collect(Collectors.joining(",")),
                a.author(),
                a.role(),
                Timestamp.from(a.createdAt()));
    }

    /** All versions, oldest first. */
    public List<Annotation> history(String sopInstanceUid) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM annotation WHERE sop_instance_uid = ? ORDER BY version",
                AnnotationRepository::map,
                sopInstanceUid);
    }

    /** The latest version of every annotated instance of a study, by SOP Instance UID. */
    public List<Annotation> currentForStudy(String studyInstanceUid) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM annotation a WHERE study_instance_uid = ? AND version ="
                        + " (SELECT MAX(version) FROM annotation b WHERE b.sop_instance_uid = a.sop_instance_uid)"
                        + " ORDER BY sop_instance_uid",
                AnnotationRepository::map,
                studyInstanceUid);
    }

    private static Annotation map(ResultSet rs, int n) throws SQLException {
        int frame = rs.getInt(5);
        NeedleTip tip = rs.wasNull() ? null : new NeedleTip(frame, rs.getDouble(6), rs.getDouble(7));
        String frames = rs.getString(15);
        List<Integer> keyFrames = frames == null || frames.isEmpty()
                ? List.of()
                : Arrays.stream(frames.split(",")).map(Integer::valueOf).toList();
        return new Annotation(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                tip,
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getBoolean(14),
                keyFrames,
                rs.getString(16),
                rs.getString(17),
                rs.getTimestamp(18).toInstant());
    }

    /** The studies among {@code studyUids} with at least one annotated image. */
    public java.util.Set<String> annotatedStudies(java.util.Collection<String> studyUids) {
        if (studyUids.isEmpty()) return java.util.Set.of();
        return new java.util.HashSet<>(jdbc.queryForList(
                "SELECT DISTINCT study_instance_uid FROM annotation WHERE study_instance_uid IN ("
                        + String.join(",", java.util.Collections.nCopies(studyUids.size(), "?")) + ")",
                String.class,
                studyUids.toArray()));
    }
}
