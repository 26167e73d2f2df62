package org.fluorovault.hl7;

import java.util.List;
import java.util.function.BiConsumer;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.Procedure.Patient;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.ProcedureService.PatientChange;

/**
 * ADT^A08 (new demographics on every record of PID-3) and ADT^A40 (every record of MRG-1 moves to
 * the patient of PID-3). PID carries the patient's whole current demographics: an empty PID-5,
 * PID-7 or PID-8 leaves that field unknown on the new versions.
 */
final class AdtMessages {
    private final ProcedureService procedures;

    AdtMessages(ProcedureService procedures) {
        this.procedures = procedures;
    }

    /** @param hold where SIGNED records go instead of being changed (null: they are changed) */
    Applied update(
            Hl7Fields f, List<String> segments, String user, String reason, BiConsumer<Procedure, Patient> hold) {
        OrderMessages.require(segments, "PID");
        Patient p = f.patient("/.PID");
        PatientChange c = procedures.updateDemographics(p, user, reason, hold == null ? null : r -> hold.accept(r, p));
        return new Applied(
                c.changed().size() + " procedure record(s) of patient " + p.id() + " updated" + held(c),
                AuditAction.U,
                c.changed(),
                c.held());
    }

    private static String held(PatientChange c) {
        return c.held().isEmpty()
                ? ""
                : "; " + c.held().size() + " SIGNED record(s) "
                        + c.held().stream().map(Procedure::id).toList() + " held for a person";
    }

    Applied merge(Hl7Fields f, List<String> segments, String user, String reason, BiConsumer<Procedure, Patient> hold) {
        OrderMessages.require(segments, "PID", "MRG");
        long merges = segments.stream().filter("MRG"::equals).count();
        if (merges > 1) {
            throw Hl7Failure.error(
                    Hl7Failure.SEGMENT_SEQUENCE,
                    "the message has " + merges
                            + " MRG segments; FluoroVault takes one merge per message, so none was applied");
        }
        Patient into = f.patient("/.PID");
        String from = f.require("/.MRG-1-1", "MRG-1 (prior patient identifier)");
        if (from.equals(into.id())) {
            throw Hl7Failure.error(Hl7Failure.APPLICATION_ERROR, "MRG-1 and PID-3 are the same patient ID " + from);
        }
        PatientChange c =
                procedures.mergePatients(from, into, user, reason, hold == null ? null : r -> hold.accept(r, into));
        return new Applied(
                c.changed().size() + " procedure record(s) of patient " + from + " merged into patient " + into.id()
                        + held(c),
                AuditAction.U,
                c.changed(),
                c.held());
    }
}
