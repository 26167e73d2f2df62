package org.fluorovault.hl7;

import java.util.List;
import org.fluorovault.audit.AuditAction;
import org.fluorovault.procedure.Procedure;

/**
 * What an applied message did: the MSA-3 text of the AA, the audit action (C for a new order, U
 * otherwise), the records it made or changed, and the SIGNED records whose change was held.
 */
record Applied(String text, AuditAction action, List<Procedure> changed, List<Procedure> held) {}
