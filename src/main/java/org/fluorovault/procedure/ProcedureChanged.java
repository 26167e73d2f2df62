package org.fluorovault.procedure;

/** Published after a procedure record was created or changed and the change is committed. */
public record ProcedureChanged(long id, int version) {}
