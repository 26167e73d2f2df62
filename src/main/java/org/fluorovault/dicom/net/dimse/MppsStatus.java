package org.fluorovault.dicom.net.dimse;

/**
 * Status codes of the Modality Performed Procedure Step SOP Class (PS3.4 F.7.2.1.2, F.7.2.2.2):
 * general codes of PS3.7 C with the meaning they have for N-CREATE and N-SET of an MPPS.
 */
public final class MppsStatus {
    private MppsStatus() {}

    /** Failure: Duplicate SOP Instance: N-CREATE of an MPPS instance that exists. */
    public static final Status DUPLICATE_SOP_INSTANCE = new Status(0x0111);
    /** Failure: No Such SOP Instance: N-SET of an MPPS instance that was never created. */
    public static final Status NO_SUCH_OBJECT_INSTANCE = Status.NO_SUCH_OBJECT_INSTANCE;
    /** Failure: No Such SOP Class: the request names another SOP class than MPPS. */
    public static final Status NO_SUCH_SOP_CLASS = Status.NO_SUCH_SOP_CLASS;
    /** Failure: Invalid Attribute Value: e.g. Performed Procedure Step Status not IN PROGRESS at N-CREATE. */
    public static final Status INVALID_ATTRIBUTE_VALUE = Status.INVALID_ATTRIBUTE_VALUE;
    /** Failure: Missing Attribute: no data set, or no Requested SOP Instance UID in an N-SET. */
    public static final Status MISSING_ATTRIBUTE = Status.MISSING_ATTRIBUTE;
    /**
     * Failure: Processing Failure: the data set is unreadable, or the Performed Procedure Step
     * Object may no longer be updated (COMPLETED or DISCONTINUED; PS3.4 F.7.2.2.2, Error ID A710).
     */
    public static final Status PROCESSING_FAILURE = Status.PROCESSING_FAILURE;
}
