package org.fluorovault.audit;

/** Event Action Code (PS3.15 A.5.1): Create, Read, Update, Delete, Execute. */
public enum AuditAction {
    C,
    R,
    U,
    D,
    E
}
