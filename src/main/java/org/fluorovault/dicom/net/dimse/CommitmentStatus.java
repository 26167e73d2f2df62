package org.fluorovault.dicom.net.dimse;

/**
 * Status codes of the Storage Commitment Push Model SOP Class (PS3.4 J.3): those of the N-ACTION
 * response, and the Failure Reason (0008,1197) values of the Failed SOP Sequence in the
 * N-EVENT-REPORT (PS3.4 J.3.3.1.1), which use the same code space.
 */
public final class CommitmentStatus {
    private CommitmentStatus() {}

    /** N-ACTION: No Such SOP Class: the request names another SOP class than Storage Commitment Push Model. */
    public static final Status NO_SUCH_SOP_CLASS = Status.NO_SUCH_SOP_CLASS;
    /** N-ACTION: No Such SOP Instance: the Requested SOP Instance is not the well-known 1.2.840.10008.1.20.1.1. */
    public static final Status NO_SUCH_OBJECT_INSTANCE = Status.NO_SUCH_OBJECT_INSTANCE;
    /** N-ACTION: No Such Action: the Action Type ID is not 1 (Request Storage Commitment). */
    public static final Status NO_SUCH_ACTION = new Status(0x0123);
    /** N-ACTION: Missing Attribute: no data set, Transaction UID or Referenced SOP Sequence. */
    public static final Status MISSING_ATTRIBUTE = Status.MISSING_ATTRIBUTE;
    /** N-ACTION: Processing Failure: unreadable data set, or the request could not be recorded. */
    public static final Status PROCESSING_FAILURE = Status.PROCESSING_FAILURE;

    /** Failure Reason: Processing failure (e.g. the stored file no longer matches its checksum). */
    public static final Status FAILURE_PROCESSING = Status.PROCESSING_FAILURE;
    /** Failure Reason: No such object instance: not stored here. */
    public static final Status FAILURE_NO_SUCH_OBJECT_INSTANCE = Status.NO_SUCH_OBJECT_INSTANCE;
    /** Failure Reason: Resource limitation. */
    public static final Status FAILURE_RESOURCE_LIMITATION = new Status(0x0213);
    /** Failure Reason: Referenced SOP Class not supported. */
    public static final Status FAILURE_SOP_CLASS_NOT_SUPPORTED = Status.SOP_CLASS_NOT_SUPPORTED;
    /** Failure Reason: Class / Instance conflict: stored here with another SOP class. */
    public static final Status FAILURE_CLASS_INSTANCE_CONFLICT = new Status(0x0119);
    /** Failure Reason: Duplicate transaction UID. */
    public static final Status FAILURE_DUPLICATE_TRANSACTION_UID = new Status(0x0131);
}
