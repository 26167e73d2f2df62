package org.fluorovault.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the 62323 rules look at, gathered from the procedure record, the linked studies, the people's
 * annotations, the analysis suggestions and the dose index. Pure values: the rules never touch a database.
 *
 * @param session       the procedure being judged
 * @param otherSessions the patient's other procedures (any status but cancelled), for the session, frequency and repeat rules
 * @param images        the instances of the studies linked to this procedure
 * @param annotations   the current annotation of each annotated instance among {@code images}
 * @param suggestions   the analysis results of those instances (suggested contrast pattern)
 * @param dose          accumulated dose of the linked studies, or {@code null} when none is recorded
 */
public record EvidenceFacts(
        Session session,
        List<Session> otherSessions,
        List<LinkedImage> images,
        List<ImageAnnotation> annotations,
        List<AnalysisSuggestion> suggestions,
        Dose dose) {

    public EvidenceFacts {
        otherSessions = List.copyOf(otherSessions);
        images = List.copyOf(images);
        annotations = List.copyOf(annotations);
        suggestions = List.copyOf(suggestions);
    }

    /** One procedure (session) as far as the rules care. Levels use the notation L4-L5 ... L5-S1, CAUDAL. */
    public record Session(
            long procedureId,
            String patientId,
            LocalDate dateOfService,
            String cpt,
            String region,
            List<String> levels,
            String approach,
            String laterality,
            String steroid,
            Contraindication contraindication,
            List<String> diagnoses,
            List<Score> scores) {
        public Session {
            levels = levels == null ? List.of() : List.copyOf(levels);
            diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
            scores = scores == null ? List.of() : List.copyOf(scores);
        }
    }

    /** A recorded contrast contraindication (ALLERGY, PREGNANCY, OTHER) with its text. */
    public record Contraindication(String type, String text) {}

    /** A pain or function score; kind is BASELINE, PRE, POST or FOLLOW_UP. */
    public record Score(String scale, double value, LocalDate date, String kind) {}

    /** A stored instance of a linked study; {@code acquired} orders the images in time (acquisition or receipt). */
    public record LinkedImage(
            String sopInstanceUid,
            String seriesInstanceUid,
            String studyInstanceUid,
            String modality,
            Double primaryAngle,
            Instant acquired) {}

    /** The current (latest) annotation of one instance by a technologist or physician. */
    public record ImageAnnotation(
            String sopInstanceUid,
            int version,
            String view,
            String level,
            String approach,
            String laterality,
            String contrastPattern,
            String contrastText,
            boolean keyImage,
            boolean needleTip,
            String author,
            String role,
            Instant createdAt) {}

    /** The pattern the image analysis suggested for an instance (a suggestion, never a confirmation). */
    public record AnalysisSuggestion(String sopInstanceUid, String pattern, double confidence) {}

    /**
     * Accumulated dose as recorded, each value with its unit (e.g. "42 s", "0.00031 Gy.m2"); any may be null.
     * {@code source} names where it came from (RDSR or MPPS with the SOP Instance UIDs).
     */
    public record Dose(String fluoroscopyTime, String doseAreaProduct, String referenceAirKerma, String source) {}
}
