package org.fluorovault.audit;

import java.time.Instant;

/** Search criteria; null fields match everything. {@code from} is inclusive, {@code to} exclusive. */
public record AuditFilter(
        String user, String patientId, String procedureId, Instant from, Instant to, AuditEventType type) {
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
