package org.fluorovault.query;

import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The stored files of a study, a series or one instance, in series and instance order, for WADO-RS. */
@Repository
class StoredFiles {
    /** One stored object: its path relative to the archive, its patient and its SOP Instance UID. */
    record StoredFile(Path relative, String patientId, String sopInstanceUid) {}

    private static final String SELECT = """
            SELECT i.path, p.patient_id, i.sop_instance_uid FROM instance i JOIN series se ON i.series_fk = se.id
            JOIN study st ON se.study_fk = st.id JOIN patient p ON st.patient_fk = p.id WHERE\s""";
    private static final String ORDER = " ORDER BY se.series_number, se.id, i.instance_number, i.id";

    private final JdbcTemplate jdbc;

    StoredFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredFile> ofStudy(String study) {
        return query("st.study_instance_uid = ?", study);
    }

    List<StoredFile> ofSeries(String study, String series) {
        return query("st.study_instance_uid = ? AND se.series_instance_uid = ?", study, series);
    }

    List<StoredFile> ofInstance(String study, String series, String instance) {
        return query(
                "st.study_instance_uid = ? AND se.series_instance_uid = ? AND i.sop_instance_uid = ?",
                study,
                series,
                instance);
    }

    private List<StoredFile> query(String where, Object... args) {
        return jdbc.query(
                SELECT + where + ORDER,
                (rs, n) -> new StoredFile(Path.of(rs.getString(1)), rs.getString(2), rs.getString(3)),
                args);
    }
}
