package org.fluorovault.procedure;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a procedure record: every field of issue 5, the record's id, its version number
 * (1 for the record as created, +1 per change), the Study Instance UID assigned at creation (the
 * worklist hands it to the modality so the images come back with it), and who changed it when.
 * Lists are never null. {@link #dateOfService()} is the performed date, else the scheduled one.
 */
public record Procedure(
        long id,
        int version,
        Status status,
        String studyInstanceUid,
        ProcedureData data,
        Instant updatedAt,
        String updatedBy) {

    public enum Sex {
        M,
        F,
        O
    }

    public enum Approach {
        INTERLAMINAR,
        CAUDAL,
        TRANSFORAMINAL
    }

    public enum Laterality {
        LEFT,
        RIGHT,
        BILATERAL,
        MIDLINE
    }

    public enum ContraindicationKind {
        ALLERGY,
        PREGNANCY,
        OTHER
    }

    public enum Scale {
        NRS,
        VAS,
        ODI,
        RMDQ,
        PROMIS
    }

    public enum ScoreKind {
        BASELINE,
        PRE,
        POST,
        FOLLOW_UP
    }

    public record Patient(String id, String name, LocalDate birthDate, Sex sex) {}

    public record Physician(String name, String npi) {}

    /** A reason not to give contrast; {@code text} says what (required for OTHER). */
    public record Contraindication(ContraindicationKind kind, String text) {}

    /** The injected drugs: steroid with its dose in mg, and the local anesthetic. */
    public record Medications(String steroid, BigDecimal steroidDoseMg, String localAnesthetic) {}

    /** A pain or function score on one scale, taken on {@code date}. */
    public record Score(Scale scale, BigDecimal value, LocalDate date, ScoreKind kind) {}

    public LocalDate dateOfService() {
        return data.dateOfService();
    }

    public Patient patient() {
        return data.patient();
    }

    public String accessionNumber() {
        return data.accessionNumber();
    }

    public String cptCode() {
        return data.cptCode();
    }
}
