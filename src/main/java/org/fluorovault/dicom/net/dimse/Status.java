package org.fluorovault.dicom.net.dimse;

/** A DIMSE status (PS3.7 Annex C): the code and its category. */
public record Status(int code) {
    public enum Category { SUCCESS, PENDING, CANCEL, WARNING, FAILURE }

    public static final Status SUCCESS = new Status(0x0000);
    public static final Status CANCEL = new Status(0xFE00);
    public static final Status PENDING = new Status(0xFF00);
    public static final Status PENDING_WARNING = new Status(0xFF01);
    /** General failures of PS3.7 C.4 and C.5 shared by services. */
    public static final Status PROCESSING_FAILURE = new Status(0x0110);
    public static final Status NO_SUCH_SOP_CLASS = new Status(0x0118);
    public static final Status NO_SUCH_OBJECT_INSTANCE = new Status(0x0112);
    public static final Status SOP_CLASS_NOT_SUPPORTED = new Status(0x0122);
    public static final Status UNRECOGNIZED_OPERATION = new Status(0x0211);
    public static final Status MISTYPED_ARGUMENT = new Status(0x0212);
    public static final Status DUPLICATE_INVOCATION = new Status(0x0210);
    public static final Status INVALID_ATTRIBUTE_VALUE = new Status(0x0106);
    public static final Status MISSING_ATTRIBUTE = new Status(0x0120);
    /** Refused: Not Authorized (PS3.7 C.5.20): the peer may not use this service. */
    public static final Status NOT_AUTHORIZED = new Status(0x0124);

    public Category category() {
        if (code == 0x0000) return Category.SUCCESS;
        if (code == 0xFF00 || code == 0xFF01) return Category.PENDING;
        if (code == 0xFE00) return Category.CANCEL;
        if (code == 0x0001 || (code & 0xF000) == 0xB000 || code == 0x0107 || code == 0x0116) return Category.WARNING;
        return Category.FAILURE;
    }

    public boolean isSuccess() { return category() == Category.SUCCESS; }

    public boolean isPending() { return category() == Category.PENDING; }

    public boolean isFailure() { return category() == Category.FAILURE; }

    @Override public String toString() { return String.format("%04X (%s)", code, category()); }
}
