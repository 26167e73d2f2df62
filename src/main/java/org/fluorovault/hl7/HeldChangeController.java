package org.fluorovault.hl7;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.common.InvalidRequestException;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.security.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HL7 changes to SIGNED records held for a person (ADMIN only, under /api/admin): list them, apply
 * one (the record gets the message's patient and must be signed again) or discard it. Every
 * decision is recorded in the audit trail.
 */
@RestController
class HeldChangeController {
    private final HeldChanges held;
    private final AuditTrail audit;

    HeldChangeController(HeldChanges held, AuditTrail audit) {
        this.held = held;
        this.audit = audit;
    }

    record Decision(String reason) {}

    @PreAuthorize(Role.ADMIN_ONLY)
    @GetMapping("/api/admin/hl7/held")
    public List<HeldChange> list(
            @RequestParam(defaultValue = "HELD") String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            Authentication user,
            HttpServletRequest http) {
        if (page < 0 || size < 1 || size > 1000)
            throw new InvalidRequestException("page must be >= 0 and size 1..1000");
        HeldChange.Status s;
        try {
            s = "ALL".equalsIgnoreCase(status)
                    ? null
                    : HeldChange.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status must be HELD, APPLIED, DISCARDED or ALL");
        }
        List<HeldChange> found = held.list(s, page, size);
        audit.record(audit.from(http, AuditEventType.APPLICATION_ACTIVITY)
                .action(AuditAction.R)
                .detail(found.size() + " held HL7 change(s) listed (status " + status + ")")
                .build());
        return found;
    }

    @PreAuthorize(Role.ADMIN_ONLY)
    @PostMapping("/api/admin/hl7/held/{id}/apply")
    public Procedure apply(
            @PathVariable long id,
            @RequestBody(required = false) Decision d,
            Authentication user,
            HttpServletRequest http) {
        HeldChange h = held.find(id).orElse(null);
        Procedure p = held.apply(id, user.getName(), reason(d));
        audit.record(audit.from(http, AuditEventType.PROCEDURE_RECORD)
                .action(AuditAction.U)
                .patientId(p.patient().id())
                .procedureId(Long.toString(p.id()))
                .detail("held HL7 change " + id + " (" + describe(h) + ") applied: version " + p.version() + ", "
                        + p.status() + reasonText(d))
                .build());
        return p;
    }

    @PreAuthorize(Role.ADMIN_ONLY)
    @PostMapping("/api/admin/hl7/held/{id}/discard")
    public HeldChange discard(
            @PathVariable long id,
            @RequestBody(required = false) Decision d,
            Authentication user,
            HttpServletRequest http) {
        HeldChange h = held.discard(id, user.getName(), reason(d));
        audit.record(audit.from(http, AuditEventType.PROCEDURE_RECORD)
                .action(AuditAction.E)
                .patientId(h.currentPatientId())
                .procedureId(Long.toString(h.procedureId()))
                .detail("held HL7 change " + id + " (" + describe(h) + ") discarded; the record stays as it is"
                        + reasonText(d))
                .build());
        return held.find(id).orElse(h);
    }

    private static String describe(HeldChange h) {
        return h == null
                ? ""
                : h.messageType() + " " + h.controlId() + " from " + h.sender() + " at " + h.sourceAddress()
                        + ": patient " + h.currentPatientId() + " -> "
                        + h.patient().id();
    }

    private static String reason(Decision d) {
        return d == null || d.reason() == null || d.reason().isBlank()
                ? null
                : d.reason().trim();
    }

    private static String reasonText(Decision d) {
        return reason(d) == null ? "" : ": " + reason(d);
    }
}
