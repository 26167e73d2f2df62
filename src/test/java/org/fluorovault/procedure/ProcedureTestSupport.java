package org.fluorovault.procedure;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.fluorovault.common.ConflictException;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.Procedure.Sex;
import org.fluorovault.security.Role;
import org.fluorovault.security.UserService;

/** Users of each role and a valid 62323 record as JSON, for the procedure tests. */
final class ProcedureTestSupport {
    static final String PASSWORD = "procedure-test-pw";

    private ProcedureTestSupport() {}

    /** A valid 62323 record of {@code patientId}, scheduled at {@code scheduled}, for CARM2. */
    static ProcedureData data(String patientId, String accession, LocalDateTime scheduled) {
        return new ProcedureData(
                new Patient(patientId, "Roe^Rick", LocalDate.of(1955, 1, 31), Sex.M),
                accession,
                null,
                null,
                scheduled,
                null,
                "62323",
                null,
                List.of("L5-S1"),
                Procedure.Approach.INTERLAMINAR,
                Procedure.Laterality.RIGHT,
                null,
                null,
                List.of("M54.17"),
                null,
                null,
                List.of(),
                null,
                "CARM2");
    }

    /** Creates tech, doc and auditor (once per database). */
    static void users(UserService users) {
        for (Role r : Role.values()) {
            try {
                users.create(r.name().toLowerCase(), PASSWORD, r);
            } catch (ConflictException exists) {
                // created by an earlier test class on the same context
            }
        }
    }

    /** A valid lumbar interlaminar ESI scheduled on {@code scheduledAt} (ISO local date-time). */
    static String json(String patientId, String accession, String scheduledAt) {
        return """
            {"patient": {"id": "%s", "name": "Doe^Jane", "birthDate": "1960-04-02", "sex": "F"},
             "accessionNumber": "%s", "requestedProcedureId": "RP-%s",
             "scheduledAt": "%s", "cptCode": "62323",
             "levels": ["L4-L5"], "approach": "INTERLAMINAR", "laterality": "LEFT",
             "physician": {"name": "Smith^Ann", "npi": "1234567893"}, "facility": "Spine Center",
             "diagnoses": ["M54.16", "M48.062"],
             "medications": {"steroid": "triamcinolone", "steroidDoseMg": 80, "localAnesthetic": "lidocaine 1%%"},
             "scores": [{"scale": "NRS", "value": 8, "date": "2026-01-05", "kind": "BASELINE"}],
             "scheduledStationAeTitle": "CARM1"}
            """.formatted(patientId, accession, accession, scheduledAt);
    }
}
