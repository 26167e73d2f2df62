package org.fluorovault.procedure.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.procedure.CoveredDiagnoses;
import org.fluorovault.procedure.CptCatalog;
import org.fluorovault.procedure.InvalidProcedureException;
import org.fluorovault.procedure.Procedure.Approach;
import org.fluorovault.procedure.Procedure.ContraindicationKind;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.Procedure.Score;
import org.fluorovault.procedure.ProcedureData;

/**
 * Checks a {@link ProcedureData} before anything is stored and fills in what is derived (region
 * from the CPT code, modality XA by default). Every problem found is listed in the exception.
 */
public final class ProcedureValidator {
    private ProcedureValidator() {}

    public static ProcedureData validate(ProcedureData d, LocalDate today) {
        if (d == null) throw new InvalidProcedureException("no procedure in the request");
        List<String> errors = new ArrayList<>();
        Patient p = d.patient();
        LocalDate birth = null;
        if (p == null || blank(p.id())) {
            errors.add("patient.id is required");
        } else {
            text(errors, "patient.id", p.id(), 64);
            text(errors, "patient.name", p.name(), 192);
            birth = p.birthDate();
            if (birth != null && birth.isAfter(today)) errors.add("patient.birthDate " + birth + " is in the future");
        }
        text(errors, "accessionNumber", d.accessionNumber(), 16);
        text(errors, "requestedProcedureId", d.requestedProcedureId(), 16);
        text(errors, "requestedProcedureDescription", d.requestedProcedureDescription(), 64);
        text(errors, "facility", d.facility(), 128);
        if (d.scheduledAt() == null && d.performedAt() == null) {
            errors.add("scheduledAt or performedAt is required (the date of service)");
        }
        notBeforeBirth(errors, "scheduledAt", d.scheduledAt(), birth);
        notBeforeBirth(errors, "performedAt", d.performedAt(), birth);
        if (d.performedAt() != null && d.performedAt().toLocalDate().isAfter(today.plusDays(1))) {
            errors.add("performedAt " + d.performedAt() + " is in the future");
        }

        var cpt = CptCatalog.find(d.cptCode());
        if (cpt.isEmpty()) {
            errors.add("cptCode "
                    + (d.cptCode() == null
                            ? "is required"
                            : "'" + d.cptCode() + "' is not known; known: "
                                    + String.join(", ", CptCatalog.all().keySet())));
        } else {
            var c = cpt.get();
            if (d.region() != null && d.region() != c.region()) {
                errors.add("region " + d.region() + " does not match CPT " + c.code() + " (" + c.region() + ")");
            }
            for (String level : d.levels()) {
                if (!SpinalLevels.isKnown(level)) {
                    errors.add("level '" + level + "' is not a known level (e.g. L4-L5, L5-S1, CAUDAL, C6-C7, T12-L1)");
                } else if (!SpinalLevels.of(c.region()).contains(level)) {
                    errors.add("level " + level + " is outside the region " + c.region() + " of CPT " + c.code());
                }
            }
            if (d.approach() != null && !c.approaches().contains(d.approach())) {
                errors.add("approach " + d.approach() + " does not fit CPT " + c.code() + " (allowed: " + c.approaches()
                        + ")");
            }
            if (d.approach() == Approach.CAUDAL && d.levels().stream().anyMatch(l -> !l.equals("CAUDAL"))) {
                errors.add("a CAUDAL approach has the level CAUDAL, not " + d.levels());
            }
        }
        if (d.physician() != null) {
            text(errors, "physician.name", d.physician().name(), 192);
            if (d.physician().npi() != null && !Npi.isValid(d.physician().npi())) {
                errors.add("physician.npi '" + d.physician().npi()
                        + "' is not a valid NPI (10 digits with a Luhn check digit)");
            }
        }
        for (String dx : d.diagnoses()) {
            if (!CoveredDiagnoses.isWellFormed(dx)) {
                errors.add(
                        "diagnosis '" + dx
                                + "' is not an ICD-10-CM code (letter, 2 characters, optional dot and up to 4 more, e.g. M54.16)");
            }
        }
        var ci = d.contrastContraindication();
        if (ci != null) {
            if (ci.kind() == null) errors.add("contrastContraindication.kind is required (ALLERGY, PREGNANCY, OTHER)");
            if (ci.kind() == ContraindicationKind.OTHER && blank(ci.text())) {
                errors.add("contrastContraindication.text is required for OTHER");
            }
            text(errors, "contrastContraindication.text", ci.text(), 1024);
        }
        var m = d.medications();
        if (m != null) {
            text(errors, "medications.steroid", m.steroid(), 64);
            text(errors, "medications.localAnesthetic", m.localAnesthetic(), 64);
            if (m.steroidDoseMg() != null) {
                if (blank(m.steroid())) errors.add("medications.steroidDoseMg is given without medications.steroid");
                if (m.steroidDoseMg().signum() <= 0 || m.steroidDoseMg().compareTo(BigDecimal.valueOf(1000)) > 0) {
                    errors.add("medications.steroidDoseMg " + m.steroidDoseMg() + " is not between 0 and 1000 mg");
                }
            }
        }
        for (int i = 0; i < d.scores().size(); i++)
            score(errors, "scores[" + i + "]", d.scores().get(i), birth);
        String modality = blank(d.modality()) ? "XA" : d.modality().trim();
        if (!SpinalLevels.MODALITIES.contains(modality))
            errors.add("modality " + modality + " is not one of " + SpinalLevels.MODALITIES);
        String ae = d.scheduledStationAeTitle();
        if (ae != null && !ae.isEmpty() && !ae.matches("[\\x20-\\x5b\\x5d-\\x7e]{1,16}")) {
            errors.add("scheduledStationAeTitle '" + ae + "' is not an AE title (1-16 characters, no backslash)");
        }
        if (!errors.isEmpty()) throw new InvalidProcedureException(String.join("; ", errors));
        return d.withRegionAndModality(cpt.get().region(), modality);
    }

    private static void score(List<String> errors, String name, Score s, LocalDate birth) {
        if (s == null || s.scale() == null || s.value() == null || s.kind() == null || s.date() == null) {
            errors.add(name + " needs scale, value, date and kind");
            return;
        }
        double max = switch (s.scale()) {
            case NRS -> 10;
            case VAS, ODI -> 100;
            case RMDQ -> 24;
            case PROMIS -> 100;
        };
        if (s.value().signum() < 0 || s.value().doubleValue() > max) {
            errors.add(name + ": " + s.scale() + " value " + s.value() + " is outside 0-" + (int) max);
        }
        if (birth != null && s.date().isBefore(birth))
            errors.add(name + ": date " + s.date() + " is before the birth date " + birth);
    }

    private static void notBeforeBirth(List<String> errors, String name, LocalDateTime t, LocalDate birth) {
        if (t != null && birth != null && t.toLocalDate().isBefore(birth)) {
            errors.add(name + " " + t + " is before the patient's birth date " + birth);
        }
    }

    private static void text(List<String> errors, String name, String v, int max) {
        if (v == null) return;
        if (v.length() > max) errors.add(name + " is longer than " + max + " characters");
        if (v.indexOf('\\') >= 0 || v.chars().anyMatch(c -> c < 0x20))
            errors.add(name + " contains a backslash or control character");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
