package org.fluorovault.hl7;

import java.time.Instant;
import org.fluorovault.procedure.Procedure.Patient;

/**
 * An HL7 change to a SIGNED record held for a person: the record (and the version it had), the
 * message (type, MSH-10, sender {@code APP^FACILITY}, source address), the patient the record
 * had and the one the message gives it; HELD until an ADMIN APPLIED or DISCARDED it.
 */
public record HeldChange(
        long id,
        long procedureId,
        int procedureVersion,
        String messageType,
        String controlId,
        String sender,
        String sourceAddress,
        Instant receivedAt,
        String currentPatientId,
        Patient patient,
        Status status,
        String decidedBy,
        Instant decidedAt,
        String decisionReason) {
    public enum Status {
        HELD,
        APPLIED,
        DISCARDED
    }
}
