/**
 * The audit trail (DICOM PS3.15 event vocabulary), append-only and hash-chained; every feature records into it and it
 * depends on none of them.
 *
 * <p><b>API:</b> {@link org.fluorovault.audit.AuditTrail} ({@code from(request, type)}, {@code record},
 * {@code recordLater} for hot paths, {@code recordAccess}, search, verify), {@link org.fluorovault.audit.AuditEvent}.
 *
 * <p><b>Tables:</b> {@code audit_event}, {@code audit_chain_lock}. <b>Events:</b> listens to Spring Security's
 * authentication events.
 */
package org.fluorovault.audit;
