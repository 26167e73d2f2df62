package org.fluorovault.procedure;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.fluorovault.procedure.Procedure.Approach;
import org.fluorovault.procedure.Procedure.Contraindication;
import org.fluorovault.procedure.Procedure.Laterality;
import org.fluorovault.procedure.Procedure.Medications;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.Procedure.Physician;
import org.fluorovault.procedure.Procedure.Score;

/**
 * The fields a user or interface supplies for a procedure (what POST and PUT carry). The region
 * is derived from the CPT code; when given it must agree. Modality defaults to XA. The
 * {@link ProcedureService} validates all of it before anything is stored.
 */
public record ProcedureData(
        Patient patient,
        String accessionNumber,
        String requestedProcedureId,
        String requestedProcedureDescription,
        LocalDateTime scheduledAt,
        LocalDateTime performedAt,
        String cptCode,
        SpinalRegion region,
        List<String> levels,
        Approach approach,
        Laterality laterality,
        Physician physician,
        String facility,
        List<String> diagnoses,
        Contraindication contrastContraindication,
        Medications medications,
        List<Score> scores,
        String modality,
        String scheduledStationAeTitle) {

    public ProcedureData {
        levels = levels == null ? List.of() : List.copyOf(levels);
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
        scores = scores == null ? List.of() : List.copyOf(scores);
    }

    /** The performed date, else the scheduled date (null when neither is known). */
    public LocalDate dateOfService() {
        LocalDateTime t = performedAt != null ? performedAt : scheduledAt;
        return t == null ? null : t.toLocalDate();
    }

    /** A copy with other patient demographics (HL7 ADT^A08, merges). */
    public ProcedureData withPatient(Patient p) {
        return new ProcedureData(
                p,
                accessionNumber,
                requestedProcedureId,
                requestedProcedureDescription,
                scheduledAt,
                performedAt,
                cptCode,
                region,
                levels,
                approach,
                laterality,
                physician,
                facility,
                diagnoses,
                contrastContraindication,
                medications,
                scores,
                modality,
                scheduledStationAeTitle);
    }

    /** A copy with the region and modality filled in (the validator derives them). */
    public ProcedureData withRegionAndModality(SpinalRegion r, String m) {
        return new ProcedureData(
                patient,
                accessionNumber,
                requestedProcedureId,
                requestedProcedureDescription,
                scheduledAt,
                performedAt,
                cptCode,
                r,
                levels,
                approach,
                laterality,
                physician,
                facility,
                diagnoses,
                contrastContraindication,
                medications,
                scores,
                m,
                scheduledStationAeTitle);
    }
}
