package org.fluorovault.linking;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the linker's rules read from other features: the study from the archive, candidate procedures from the
 * procedure records and the orders its MPPS instances name. An interface so the rules can be tested on plain values
 * ({@code StudyLinkerRulesTest}); {@link FeatureLinkSources} asks the owning features' APIs.
 */
interface LinkSources {
    /** What the rules need to know about a study; {@code studyDate} falls back to the day it arrived. */
    record StudyFacts(
            String studyInstanceUid,
            String patientId,
            String issuer,
            String accessionNumber,
            LocalDate studyDate,
            List<String> modalities) {}

    Optional<StudyFacts> study(String studyInstanceUid);

    /** Procedures, not cancelled, with this accession number. */
    List<Long> byAccession(String accessionNumber);

    /** Procedures, not cancelled, the worklist gave this Study Instance UID. */
    List<Long> byAssignedStudyUid(String studyInstanceUid);

    /** Procedures, not cancelled, named by the MPPS instances announcing this study (accession or requested procedure). */
    List<Long> byMpps(String studyInstanceUid, String patientId);

    /** Procedures, not cancelled, of this patient with a date of service in [from, to]. */
    List<Long> byPatientAndDate(String patientId, LocalDate from, LocalDate to);

    /** The Patient ID of a procedure; empty when there is no such procedure. */
    Optional<String> procedurePatient(long procedureId);
}
