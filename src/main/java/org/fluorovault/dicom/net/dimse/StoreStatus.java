package org.fluorovault.dicom.net.dimse;

/** Status codes of the Storage Service Class (PS3.4 B.2.3). */
public final class StoreStatus {
    private StoreStatus() {}

    /** Refused: Out of Resources. */
    public static final Status OUT_OF_RESOURCES = new Status(0xA700);
    /** Error: Data Set does not match SOP Class. */
    public static final Status DATASET_DOES_NOT_MATCH_SOP_CLASS = new Status(0xA900);
    /** Error: Cannot understand. */
    public static final Status CANNOT_UNDERSTAND = new Status(0xC000);
    /** Warning: Coercion of Data Elements. */
    public static final Status COERCION_OF_DATA_ELEMENTS = new Status(0xB000);
    /** Warning: Elements Discarded. */
    public static final Status ELEMENTS_DISCARDED = new Status(0xB006);
    /** Warning: Data Set does not match SOP Class. */
    public static final Status DATASET_DOES_NOT_MATCH_SOP_CLASS_WARNING = new Status(0xB007);
    /** Failure: Duplicate SOP Instance (PS3.7 C.5.x), used when the UID is stored with different content. */
    public static final Status DUPLICATE_SOP_INSTANCE = new Status(0x0111);
}
