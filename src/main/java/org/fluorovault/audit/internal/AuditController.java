package org.fluorovault.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fluorovault.audit.AuditEvent;
import org.fluorovault.audit.AuditEventType;
import org.fluorovault.audit.AuditFilter;
import org.fluorovault.audit.AuditPage;
import org.fluorovault.audit.AuditRecord;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.audit.ChainVerification;
import org.fluorovault.common.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading the audit trail (ADMIN and AUDITOR, enforced in SecurityConfig); each read is itself audited (110101). */
@RestController
@RequestMapping("/api/audit")
class AuditController {
    private final AuditTrail audit;

    AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping
    Map<String, Object> search(
            HttpServletRequest request,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String patientId,
            @RequestParam(required = false) String procedureId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 1000)
            throw new InvalidRequestException("page must be >= 0 and size 1..1000");
        AuditFilter f = new AuditFilter(
                blank(user),
                blank(patientId),
                blank(procedureId),
                time("from", from, false),
                time("to", to, true),
                eventType(type));
        AuditPage p = audit.search(f, page, size);
        String q = request.getQueryString();
        audit.record(audit.from(request, AuditEventType.AUDIT_LOG_USED)
                .patientId(f.patientId())
                .procedureId(f.procedureId())
                .detail(q == null ? "search, no filter" : "search " + q)
                .build());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", p.page());
        body.put("size", p.size());
        body.put("total", p.total());
        body.put("items", p.items().stream().map(AuditController::json).toList());
        return body;
    }

    @GetMapping("/verify")
    Map<String, Object> verify(HttpServletRequest request) {
        ChainVerification v = audit.verify();
        audit.record(audit.from(request, AuditEventType.AUDIT_LOG_USED)
                .action(org.fluorovault.audit.AuditAction.E)
                .detail("verify: " + (v.valid() ? "valid" : "broken at " + v.firstBrokenId()) + ", " + v.checked()
                        + " rows checked")
                .build());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", v.valid());
        body.put("checked", v.checked());
        if (!v.valid()) {
            body.put("firstBrokenId", v.firstBrokenId());
            body.put("reason", v.reason());
        }
        body.put("lastId", v.lastId());
        body.put("lastHash", v.lastHash());
        return body;
    }

    private static Map<String, Object> json(AuditRecord r) {
        AuditEvent e = r.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("time", e.time().toString());
        m.put("eventId", e.eventId().code());
        m.put("eventName", e.eventId().meaning());
        m.put("eventTypeCode", e.typeCode() == null ? null : e.typeCode().code());
        m.put("eventTypeName", e.typeCode() == null ? null : e.typeCode().meaning());
        m.put("action", e.action().name());
        m.put("outcome", e.outcome().code());
        m.put("user", e.user());
        m.put("role", e.role());
        m.put("sourceAddress", e.sourceAddress());
        m.put("patientId", e.patientId());
        m.put("procedureId", e.procedureId());
        m.put("studyUid", e.studyUid());
        m.put("detail", e.detail());
        m.put("hash", r.hash());
        return m;
    }

    private static AuditEventType eventType(String type) {
        if (type == null || type.isBlank()) return null;
        try {
            return AuditEventType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** ISO-8601 instant (2026-11-26T10:00:00Z) or date (2026-11-26, UTC; as "to" it includes that day). */
    private static Instant time(String name, String v, boolean end) {
        if (v == null || v.isBlank()) return null;
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(v.trim());
                return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new InvalidRequestException(name + " must be an ISO-8601 instant or date, not '" + v + "'");
            }
        }
    }
}
