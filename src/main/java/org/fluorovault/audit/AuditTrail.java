package org.fluorovault.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.fluorovault.audit.internal.AuditStore;
import org.fluorovault.audit.internal.AuditWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The audit trail: an append-only, hash-chained log of audit events (docs/audit.md).
 *
 * <p>From a web endpoint:
 * <pre>{@code
 * audit.recordAccess(request, AuditEventType.INSTANCES_ACCESSED, patientId, procedureId, studyUid,
 *         AuditOutcome.SUCCESS, "evidence viewed");
 * }</pre>
 * or, for more fields, {@code audit.record(audit.from(request, AuditEventType.EXPORT).action(...).build())}.
 * From a hot path (DICOM associations) use {@link #recordLater}.
 */
@Service
@EnableConfigurationProperties(AuditProperties.class)
public class AuditTrail {
    private final AuditStore store;
    private final AuditWriter writer;

    public AuditTrail(AuditStore store, AuditWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    /** Appends the event now (in its own transaction) and returns it as stored. */
    public AuditRecord record(AuditEvent event) {
        return store.append(event);
    }

    /** Appends the event on the audit writer thread; its time is taken now. Nothing is lost on shutdown. */
    public void recordLater(AuditEvent event) {
        writer.submit(event.time() != null ? event : event.at(java.time.Instant.now()));
    }

    /** Waits until every event passed to {@link #recordLater} before this call is stored. */
    public void flush() throws InterruptedException {
        writer.flush();
    }

    /** Records what the authenticated user of {@code request} did, from the request's remote address. */
    public AuditRecord recordAccess(
            HttpServletRequest request,
            AuditEventType type,
            String patientId,
            String procedureId,
            String studyUid,
            AuditOutcome outcome,
            String detail) {
        return record(from(request, type)
                .patientId(patientId)
                .procedureId(procedureId)
                .studyUid(studyUid)
                .outcome(outcome)
                .detail(detail)
                .build());
    }

    /** The same for callers that hold the authentication and the address themselves. */
    public AuditRecord recordAccess(
            Authentication auth,
            String sourceAddress,
            AuditEventType type,
            String patientId,
            String procedureId,
            String studyUid,
            AuditOutcome outcome,
            String detail) {
        return record(AuditEvent.of(type)
                .user(auth == null ? null : auth.getName())
                .role(roleOf(auth))
                .sourceAddress(sourceAddress)
                .patientId(patientId)
                .procedureId(procedureId)
                .studyUid(studyUid)
                .outcome(outcome)
                .detail(detail)
                .build());
    }

    /** A builder filled with the request's user, role and remote address. */
    public AuditEvent.Builder from(HttpServletRequest request, AuditEventType type) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null && request.getUserPrincipal() instanceof Authentication a) auth = a;
        String user = auth != null
                ? auth.getName()
                : request.getUserPrincipal() != null
                        ? request.getUserPrincipal().getName()
                        : null;
        return AuditEvent.of(type).user(user).role(roleOf(auth)).sourceAddress(request.getRemoteAddr());
    }

    /** The roles of an authentication without the ROLE_ prefix, comma-separated; null when none. */
    public static String roleOf(Authentication auth) {
        if (auth == null) return null;
        String roles = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .sorted()
                .collect(Collectors.joining(","));
        return roles.isEmpty() ? null : roles;
    }

    /** Newest first; page counts from 0. */
    public AuditPage search(AuditFilter filter, int page, int size) {
        if (page < 0 || size < 1 || size > 1000)
            throw new IllegalArgumentException("page must be >= 0 and size 1..1000");
        return store.search(filter, page, size);
    }

    /** Checks the whole chain and reports the first broken link. */
    public ChainVerification verify() {
        return store.verify();
    }
}
