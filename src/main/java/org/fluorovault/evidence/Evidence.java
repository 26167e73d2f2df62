package org.fluorovault.evidence;

/**
 * One piece of evidence a rule looked at. {@code type} says what {@code ref} names: IMAGE (a SOP Instance UID),
 * ANNOTATION (SOP Instance UID and version), PROCEDURE (an id), DOSE, SCORE, DIAGNOSIS.
 */
public record Evidence(String type, String ref, String text) {
    static Evidence image(String sopInstanceUid, String text) {
        return new Evidence("IMAGE", sopInstanceUid, text);
    }

    static Evidence annotation(EvidenceFacts.ImageAnnotation a, String text) {
        return new Evidence("ANNOTATION", a.sopInstanceUid() + "#v" + a.version(), text);
    }

    static Evidence procedure(long id, String text) {
        return new Evidence("PROCEDURE", Long.toString(id), text);
    }

    static Evidence of(String type, String text) {
        return new Evidence(type, null, text);
    }
}
