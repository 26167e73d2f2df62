package org.fluorovault.dose;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.archive.StudyQueries;
import org.fluorovault.ingest.MppsRecords;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Accumulated dose per study: the values of each RDSR, and the dose fields of the study's MPPS. */
@Repository
public class DoseIndex {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MppsRecords mppsRecords;
    private final StudyQueries studies;

    public DoseIndex(JdbcTemplate jdbc, TransactionTemplate tx, MppsRecords mppsRecords, StudyQueries studies) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mppsRecords = mppsRecords;
        this.studies = studies;
    }

    /** Replaces the values recorded for one RDSR. */
    void recordRdsr(String studyUid, String srUid, List<DoseExtractor.DoseValue> values, Instant at) {
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM dose_value WHERE sr_instance_uid = ?", srUid);
            for (DoseExtractor.DoseValue v : values) {
                jdbc.update(
                        """
                        INSERT INTO dose_value (study_instance_uid, sr_instance_uid, code_value, code_meaning,
                          numeric_value, unit, recorded_at) VALUES (?,?,?,?,?,?,?)""",
                        studyUid,
                        srUid,
                        v.code(),
                        clip(v.meaning(), 64),
                        v.value(),
                        clip(v.unit(), 32),
                        Timestamp.from(at));
            }
        });
    }

    /**
     * The study's dose: from its most recently received RDSR when there is one, otherwise the sums
     * of the dose fields of its MPPS instances; null when neither the index nor an MPPS knows the study.
     */
    public StudyDose forStudy(String studyUid) {
        List<String> srs = jdbc.queryForList("""
                SELECT sr_instance_uid FROM dose_value WHERE study_instance_uid = ?
                ORDER BY recorded_at DESC, id DESC LIMIT 1""", String.class, studyUid);
        if (!srs.isEmpty()) {
            List<StudyDose.Total> totals = jdbc.query(
                    """
                    SELECT code_value, code_meaning, numeric_value, unit FROM dose_value
                    WHERE sr_instance_uid = ? ORDER BY id""",
                    (rs, n) -> new StudyDose.Total(
                            "DCM", rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4)),
                    srs.get(0));
            return new StudyDose(studyUid, StudyDose.Source.RDSR, List.of(srs.get(0)), totals, null);
        }
        List<MppsRecords.MppsDose> mpps = mppsRecords.doseForStudy(studyUid);
        List<String> sources = new ArrayList<>();
        Long time = null, exposures = null, entrance = null;
        List<String> comments = new ArrayList<>();
        for (MppsRecords.MppsDose m : mpps) {
            time = add(time, m.totalFluoroTimeS());
            exposures = add(exposures, m.totalExposures());
            entrance = add(entrance, m.entranceDoseDgy());
            boolean any = m.totalFluoroTimeS() != null || m.totalExposures() != null || m.entranceDoseDgy() != null;
            if (m.doseComments() != null) comments.add(m.doseComments());
            if (any) sources.add(m.sopInstanceUid());
        }
        if (!sources.isEmpty()) {
            List<StudyDose.Total> totals = new ArrayList<>();
            if (time != null)
                totals.add(new StudyDose.Total("DICOM", "(0040,0300)", "Total Time of Fluoroscopy", time, "s"));
            if (exposures != null)
                totals.add(new StudyDose.Total("DICOM", "(0040,0301)", "Total Number of Exposures", exposures, "1"));
            if (entrance != null)
                totals.add(new StudyDose.Total("DICOM", "(0040,0302)", "Entrance Dose", entrance, "dGy"));
            return new StudyDose(
                    studyUid,
                    StudyDose.Source.MPPS,
                    sources,
                    totals,
                    comments.isEmpty() ? null : String.join("\n", comments));
        }
        if (mpps.isEmpty() && !studies.studyExists(studyUid)) return null;
        return new StudyDose(studyUid, StudyDose.Source.NONE, List.of(), List.of(), null);
    }

    private static Long add(Long sum, Integer v) {
        if (v == null) return sum;
        long x = v;
        return sum == null ? x : sum + x;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
