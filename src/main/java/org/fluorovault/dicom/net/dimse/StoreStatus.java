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

    /** The Storage Service Class's meaning of {@code code} (ranges A7xx, A9xx, Cxxx included), null for others. */
    static String describe(int code) {
        return switch (code) {
            case 0xB000 -> "Warning: Coercion of Data Elements";
            case 0xB006 -> "Warning: Elements Discarded";
            case 0xB007 -> "Warning: Data Set does not match SOP Class";
            default ->
                switch (code & 0xFF00) {
                    case 0xA700 -> "Refused: Out of Resources";
                    case 0xA900 -> "Error: Data Set does not match SOP Class";
                    default -> (code & 0xF000) == 0xC000 ? "Error: Cannot understand" : null;
                };
        };
    }
}
