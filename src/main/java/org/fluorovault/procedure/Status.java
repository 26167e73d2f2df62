package org.fluorovault.procedure;

/**
 * Where a procedure record stands: SCHEDULED -> PERFORMED -> REVIEWED -> SIGNED, or CANCELLED
 * (a scheduled procedure that will not happen). A change to a SIGNED record makes it REVIEWED
 * again, to be signed anew.
 */
public enum Status {
    SCHEDULED,
    PERFORMED,
    REVIEWED,
    SIGNED,
    CANCELLED
}
