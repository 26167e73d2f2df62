package org.fluorovault.audit;

/** A stored audit event: its position in the chain, the event (time always set) and its chain hash. */
public record AuditRecord(long id, AuditEvent event, String hash) {}
