package org.fluorovault.procedure.internal;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.procedure.CptCatalog;
import org.fluorovault.procedure.Procedure;

/**
 * A Modality Worklist key (PS3.4 K.6.1.2): its column for matching (null: returned, never
 * matched), how it matches, and its value taken from a procedure record.
 */
record WorklistKey(int tag, VR vr, String column, Matching matching, Function<Procedure, String> value) {
    enum Matching {
        TEXT,
        PN,
        RANGE,
        UID,
        NONE
    }

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    /** Keys at the top level of the identifier. */
    static final Map<Integer, WorklistKey> TOP = new LinkedHashMap<>();
    /** Keys inside the Scheduled Procedure Step Sequence item. */
    static final Map<Integer, WorklistKey> SPS = new LinkedHashMap<>();

    private static void top(int tag, VR vr, String column, Matching m, Function<Procedure, String> v) {
        TOP.put(tag, new WorklistKey(tag, vr, column, m, v));
    }

    private static void sps(int tag, VR vr, String column, Matching m, Function<Procedure, String> v) {
        SPS.put(tag, new WorklistKey(tag, vr, column, m, v));
    }

    static {
        top(
                Tags.PatientName,
                VR.PN,
                "r.patient_name",
                Matching.PN,
                p -> p.patient().name());
        top(
                Tags.PatientID,
                VR.LO,
                "r.patient_id",
                Matching.TEXT,
                p -> p.patient().id());
        top(
                Tags.PatientBirthDate,
                VR.DA,
                null,
                Matching.NONE,
                p -> p.patient().birthDate() == null
                        ? null
                        : p.patient().birthDate().format(DA));
        top(
                Tags.PatientSex,
                VR.CS,
                "r.sex",
                Matching.TEXT,
                p -> p.patient().sex() == null ? null : p.patient().sex().name());
        top(Tags.AccessionNumber, VR.SH, "r.accession_number", Matching.TEXT, Procedure::accessionNumber);
        top(
                Tags.RequestedProcedureID,
                VR.SH,
                "r.requested_procedure_id",
                Matching.TEXT,
                WorklistKey::requestedProcedureId);
        top(Tags.RequestedProcedureDescription, VR.LO, null, Matching.NONE, WorklistKey::description);
        top(Tags.StudyInstanceUID, VR.UI, "r.study_instance_uid", Matching.UID, Procedure::studyInstanceUid);
        top(Tags.ReferringPhysicianName, VR.PN, null, Matching.NONE, p -> null);

        sps(Tags.Modality, VR.CS, "r.modality", Matching.TEXT, p -> p.data().modality());
        sps(
                Tags.ScheduledStationAETitle,
                VR.AE,
                "r.station_ae_title",
                Matching.TEXT,
                p -> p.data().scheduledStationAeTitle());
        sps(
                Tags.ScheduledProcedureStepStartDate,
                VR.DA,
                "r.sps_start_date",
                Matching.RANGE,
                p -> p.data().scheduledAt() == null
                        ? null
                        : p.data().scheduledAt().format(DA));
        sps(
                Tags.ScheduledProcedureStepStartTime,
                VR.TM,
                "r.sps_start_time",
                Matching.RANGE,
                p -> p.data().scheduledAt() == null
                        ? null
                        : p.data().scheduledAt().format(TM));
        sps(Tags.ScheduledProcedureStepDescription, VR.LO, null, Matching.NONE, WorklistKey::description);
        sps(Tags.ScheduledProcedureStepID, VR.SH, null, Matching.NONE, p -> "SPS" + p.id());
        sps(
                Tags.ScheduledPerformingPhysicianName,
                VR.PN,
                null,
                Matching.NONE,
                p -> p.data().physician() == null ? null : p.data().physician().name());
        sps(Tags.ScheduledProcedureStepStatus, VR.CS, null, Matching.NONE, p -> "SCHEDULED");
    }

    /** The record's requested procedure ID, else one made from its id (SH: 16 characters at most). */
    static String requestedProcedureId(Procedure p) {
        String id = p.data().requestedProcedureId();
        return id != null ? id : "RP" + p.id();
    }

    /** The record's description, else the CPT code and our descriptor (LO: 64 characters at most). */
    static String description(Procedure p) {
        String d = p.data().requestedProcedureDescription();
        if (d == null) {
            d = p.cptCode() + " "
                    + CptCatalog.find(p.cptCode())
                            .map(CptCatalog.Cpt::descriptor)
                            .orElse("");
        }
        return d.length() > 64 ? d.substring(0, 64).trim() : d;
    }
}
