package org.fluorovault.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fluorovault.archive.StoreOutcome;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.net.ul.Association;

/**
 * Counts what each association stored and, when it closes, records one DICOM Instances
 * Transferred event (110104, action C) per study received on it (one patient per event, as
 * PS3.15 A.5.3.2 wants), with the calling AE as the user and its address as the source; refused
 * objects that could not be attributed to a study get one more event. The C-STORE path only
 * updates counters; the events are written by the audit writer thread.
 */
final class ReceiptAudit {
    private final AuditTrail audit;
    private final Map<Association, Tally> open = new ConcurrentHashMap<>();

    ReceiptAudit(AuditTrail audit) {
        this.audit = audit;
    }

    private static final class Tally {
        final Map<String, int[]> studies = new LinkedHashMap<>(); // study -> {new, identical, conflict}
        final Map<String, String> patients = new LinkedHashMap<>();
        int refused;
    }

    private Tally tally(Association a) {
        return open.computeIfAbsent(a, k -> new Tally());
    }

    void stored(Association a, String patientId, String studyUid, StoreOutcome outcome) {
        Tally t = tally(a);
        synchronized (t) {
            int[] n = t.studies.computeIfAbsent(studyUid, k -> new int[3]);
            n[
                    switch (outcome) {
                        case STORED -> 0;
                        case DUPLICATE_IDENTICAL -> 1;
                        case CONFLICT_QUARANTINED -> 2;
                    }]++;
            t.patients.putIfAbsent(studyUid, patientId);
        }
    }

    void refused(Association a) {
        Tally t = tally(a);
        synchronized (t) {
            t.refused++;
        }
    }

    void closed(Association a) {
        Tally t = open.remove(a);
        if (t == null) return;
        synchronized (t) {
            String via = " from " + a.callingAet() + " to " + a.calledAet() + " (association " + a.name() + ")";
            t.studies.forEach((study, n) ->
                    audit.recordLater(event(a, n[2] > 0 ? AuditOutcome.MINOR_FAILURE : AuditOutcome.SUCCESS)
                            .patientId(t.patients.get(study))
                            .studyUid(study)
                            .detail("received " + n[0] + " new, " + n[1] + " identical again, " + n[2]
                                    + " conflicting (quarantined)" + via)
                            .build()));
            if (t.refused > 0) {
                audit.recordLater(event(a, AuditOutcome.MINOR_FAILURE)
                        .detail("refused " + t.refused + " C-STORE request(s)" + via)
                        .build());
            }
        }
    }

    private static AuditEvent.Builder event(Association a, AuditOutcome outcome) {
        return AuditEvent.of(AuditEventType.INSTANCES_TRANSFERRED)
                .action(AuditAction.C)
                .outcome(outcome)
                .user(a.callingAet())
                .role("DICOM AE")
                .sourceAddress(a.remoteHost());
    }
}
