package org.fluorovault.archive;

/** What happened to an object handed to the archive. */
public enum StoreOutcome {
    /** New object: file in place and indexed. */
    STORED,
    /** Same SOP Instance UID with byte-identical content: one copy kept, nothing changed. */
    DUPLICATE_IDENTICAL,
    /** Same SOP Instance UID with different content: the new object is in quarantine. */
    CONFLICT_QUARANTINED
}
