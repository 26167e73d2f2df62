package org.fluorovault.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.dict.Tags;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored Modality Performed Procedure Steps: status, study, the dose fields of the
 * Radiation Dose module and the performed series with their instances.
 */
@Repository
public class MppsRecords {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public MppsRecords(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The status of an MPPS instance, or null when it does not exist. */
    public String status(String iuid) {
        List<String> s = jdbc.queryForList("SELECT status FROM mpps WHERE sop_instance_uid = ?", String.class, iuid);
        return s.isEmpty() ? null : s.get(0);
    }

    /** The order an MPPS instance names (from its Scheduled Step Attributes), for the linker. */
    public record MppsOrder(String accessionNumber, String requestedProcedureId) {}

    /** The dose fields of one MPPS instance (Radiation Dose module); null where the modality sent none. */
    public record MppsDose(
            String sopInstanceUid,
            Integer totalFluoroTimeS,
            Integer totalExposures,
            Integer entranceDoseDgy,
            String exposedAreaCm,
            String doseComments) {}

    /** The orders named by the MPPS instances of a study. */
    public List<MppsOrder> ordersForStudy(String studyInstanceUid) {
        return jdbc.query("""
                SELECT DISTINCT accession_number, requested_procedure_id FROM mpps WHERE study_instance_uid = ?
                  AND (accession_number IS NOT NULL OR requested_procedure_id IS NOT NULL)""", (rs, n) -> new MppsOrder(rs.getString(1), rs.getString(2)), studyInstanceUid);
    }

    /** The dose fields of the MPPS instances of a study, oldest first. */
    public List<MppsDose> doseForStudy(String studyInstanceUid) {
        return jdbc.query(
                """
                SELECT sop_instance_uid, total_fluoro_time_s, total_exposures, entrance_dose_dgy, exposed_area_cm,
                  dose_comments FROM mpps WHERE study_instance_uid = ? ORDER BY created_at, sop_instance_uid""",
                (rs, n) -> new MppsDose(
                        rs.getString(1),
                        (Integer) rs.getObject(2, Integer.class),
                        (Integer) rs.getObject(3, Integer.class),
                        (Integer) rs.getObject(4, Integer.class),
                        rs.getString(5),
                        rs.getString(6)),
                studyInstanceUid);
    }

    /** Performed instances (SOP Instance UIDs) recorded for an MPPS instance. */
    public List<String> performedInstances(String iuid) {
        return jdbc.queryForList(
                "SELECT sop_instance_uid FROM mpps_instance WHERE mpps_uid = ? ORDER BY sop_instance_uid",
                String.class,
                iuid);
    }

    void create(String iuid, Attributes ds, String callingAet, Instant now) {
        Attributes step = ds.getNestedItem(Tags.ScheduledStepAttributesSequence);
        tx.executeWithoutResult(s -> {
            jdbc.update(
                    """
                    INSERT INTO mpps (sop_instance_uid, status, study_instance_uid, accession_number,
                      requested_procedure_id, performed_procedure_step_id, calling_aet, created_at, updated_at)
                      VALUES (?,?,?,?,?,?,?,?,?)""",
                    iuid,
                    ds.getString(Tags.PerformedProcedureStepStatus),
                    step == null ? null : clip(step.getString(Tags.StudyInstanceUID), 64),
                    step == null ? null : clip(step.getString(Tags.AccessionNumber), 16),
                    step == null ? null : clip(step.getString(Tags.RequestedProcedureID), 16),
                    clip(ds.getString(Tags.PerformedProcedureStepID), 16),
                    clip(callingAet, 16),
                    Timestamp.from(now),
                    Timestamp.from(now));
            update(iuid, ds, now);
        });
    }

    void set(String iuid, Attributes ds, Instant now) {
        tx.executeWithoutResult(s -> update(iuid, ds, now));
    }

    private void update(String iuid, Attributes ds, Instant now) {
        String status = ds.getString(Tags.PerformedProcedureStepStatus);
        if (status != null) jdbc.update("UPDATE mpps SET status = ? WHERE sop_instance_uid = ?", status, iuid);
        dose(iuid, ds, Tags.TotalTimeOfFluoroscopy, "total_fluoro_time_s");
        dose(iuid, ds, Tags.TotalNumberOfExposures, "total_exposures");
        dose(iuid, ds, Tags.EntranceDose, "entrance_dose_dgy");
        if (ds.contains(Tags.ExposedArea)) {
            jdbc.update(
                    "UPDATE mpps SET exposed_area_cm = ? WHERE sop_instance_uid = ?",
                    clip(ds.getValueAsString(Tags.ExposedArea), 32),
                    iuid);
        }
        if (ds.contains(Tags.CommentsOnRadiationDose)) {
            jdbc.update(
                    "UPDATE mpps SET dose_comments = ? WHERE sop_instance_uid = ?",
                    clip(ds.getString(Tags.CommentsOnRadiationDose), 1024),
                    iuid);
        }
        Sequence series = ds.getSequence(Tags.PerformedSeriesSequence);
        if (series != null) {
            jdbc.update("DELETE FROM mpps_instance WHERE mpps_uid = ?", iuid);
            for (Attributes s : series) {
                String seriesUid = s.getString(Tags.SeriesInstanceUID, "");
                references(iuid, seriesUid, s.getSequence(Tags.ReferencedImageSequence));
                references(iuid, seriesUid, s.getSequence(Tags.ReferencedNonImageCompositeSOPInstanceSequence));
            }
        }
        jdbc.update("UPDATE mpps SET updated_at = ? WHERE sop_instance_uid = ?", Timestamp.from(now), iuid);
    }

    private void dose(String iuid, Attributes ds, int tag, String column) {
        if (!ds.contains(tag)) return;
        int[] v = ds.getInts(tag);
        jdbc.update("UPDATE mpps SET " + column + " = ? WHERE sop_instance_uid = ?", v.length == 0 ? null : v[0], iuid);
    }

    private void references(String iuid, String seriesUid, Sequence refs) {
        if (refs == null) return;
        for (Attributes r : refs) {
            String sop = r.getString(Tags.ReferencedSOPInstanceUID);
            if (sop == null || sop.isBlank()) continue;
            jdbc.update("DELETE FROM mpps_instance WHERE mpps_uid = ? AND sop_instance_uid = ?", iuid, sop);
            jdbc.update(
                    "INSERT INTO mpps_instance (mpps_uid, series_instance_uid, sop_class_uid, sop_instance_uid)"
                            + " VALUES (?,?,?,?)",
                    iuid,
                    clip(seriesUid, 64),
                    clip(r.getString(Tags.ReferencedSOPClassUID), 64),
                    clip(sop, 64));
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
