package org.fluorovault.dicom.net.dimse;

import java.util.Map;

/**
 * A DIMSE status (PS3.7 Annex C): the code, its category and a description for logs and reports.
 * Constants of the codes every service may answer are here; those of one service class live with
 * it ({@link StoreStatus}, {@link QueryRetrieveStatus}, {@link MppsStatus}, {@link CommitmentStatus}).
 */
public record Status(int code) {
    public enum Category {
        SUCCESS,
        PENDING,
        CANCEL,
        WARNING,
        FAILURE
    }

    public static final Status SUCCESS = new Status(0x0000);
    public static final Status CANCEL = new Status(0xFE00);
    public static final Status PENDING = new Status(0xFF00);
    public static final Status PENDING_WARNING = new Status(0xFF01);
    /** General failures of PS3.7 C.4 and C.5 shared by services. */
    public static final Status PROCESSING_FAILURE = new Status(0x0110);

    public static final Status NO_SUCH_SOP_CLASS = new Status(0x0118);
    public static final Status NO_SUCH_OBJECT_INSTANCE = new Status(0x0112);
    /** Failure: Invalid SOP Instance (PS3.7 C.5.x): the SOP Instance UID named is not a valid one. */
    public static final Status INVALID_OBJECT_INSTANCE = new Status(0x0117);

    public static final Status SOP_CLASS_NOT_SUPPORTED = new Status(0x0122);
    public static final Status UNRECOGNIZED_OPERATION = new Status(0x0211);
    public static final Status MISTYPED_ARGUMENT = new Status(0x0212);
    public static final Status DUPLICATE_INVOCATION = new Status(0x0210);
    public static final Status INVALID_ATTRIBUTE_VALUE = new Status(0x0106);
    public static final Status MISSING_ATTRIBUTE = new Status(0x0120);
    /** Refused: Not Authorized (PS3.7 C.5.20): the peer may not use this service. */
    public static final Status NOT_AUTHORIZED = new Status(0x0124);

    /** The general codes of PS3.7 C.1-C.5, whatever the service. */
    private static final Map<Integer, String> GENERAL = Map.ofEntries(
            Map.entry(0x0000, "Success"),
            Map.entry(0xFE00, "Cancel: operation terminated"),
            Map.entry(0xFF00, "Pending"),
            Map.entry(0xFF01, "Pending: warning"),
            Map.entry(0x0105, "Failure: No Such Attribute"),
            Map.entry(0x0106, "Failure: Invalid Attribute Value"),
            Map.entry(0x0107, "Warning: Attribute List Error"),
            Map.entry(0x0110, "Failure: Processing Failure"),
            Map.entry(0x0111, "Failure: Duplicate SOP Instance"),
            Map.entry(0x0112, "Failure: No Such SOP Instance"),
            Map.entry(0x0113, "Failure: No Such Event Type"),
            Map.entry(0x0114, "Failure: No Such Argument"),
            Map.entry(0x0115, "Failure: Invalid Argument Value"),
            Map.entry(0x0116, "Warning: Attribute Value Out of Range"),
            Map.entry(0x0117, "Failure: Invalid SOP Instance"),
            Map.entry(0x0118, "Failure: No Such SOP Class"),
            Map.entry(0x0119, "Failure: Class-Instance Conflict"),
            Map.entry(0x0120, "Failure: Missing Attribute"),
            Map.entry(0x0121, "Failure: Missing Attribute Value"),
            Map.entry(0x0122, "Refused: SOP Class Not Supported"),
            Map.entry(0x0123, "Failure: No Such Action"),
            Map.entry(0x0124, "Refused: Not Authorized"),
            Map.entry(0x0210, "Failure: Duplicate Invocation"),
            Map.entry(0x0211, "Failure: Unrecognized Operation"),
            Map.entry(0x0212, "Failure: Mistyped Argument"),
            Map.entry(0x0213, "Failure: Resource Limitation"));

    public Category category() {
        if (code == 0x0000) return Category.SUCCESS;
        if (code == 0xFF00 || code == 0xFF01) return Category.PENDING;
        if (code == 0xFE00) return Category.CANCEL;
        if (code == 0x0001 || (code & 0xF000) == 0xB000 || code == 0x0107 || code == 0x0116) return Category.WARNING;
        return Category.FAILURE;
    }

    public boolean isSuccess() {
        return category() == Category.SUCCESS;
    }

    public boolean isPending() {
        return category() == Category.PENDING;
    }

    public boolean isFailure() {
        return category() == Category.FAILURE;
    }

    /**
     * What the code means in any service: the general codes of PS3.7 C by name, the service class
     * ranges (A7xx, A9xx, Bxxx, Cxxx) by their common meaning, any other code by its category.
     */
    public String description() {
        String general = GENERAL.get(code);
        if (general != null) return general;
        return switch (code & 0xFF00) {
            case 0xA700 -> "Refused: Out of Resources";
            case 0xA900 -> "Error: Data Set or Identifier does not match SOP Class";
            default ->
                (code & 0xF000) == 0xC000
                        ? "Error: Cannot understand or Unable to process"
                        : (code & 0xF000) == 0xB000
                                ? "Warning"
                                : switch (category()) {
                                    case WARNING -> "Warning";
                                    case FAILURE -> "Failure";
                                    default -> category().name(); // not reached: the other categories are single codes
                                };
        };
    }

    /**
     * What the code means in answer to {@code request} (request or response command field): the
     * meaning its service class gives it (PS3.4), else {@link #description()}.
     */
    public String description(CommandField request) {
        String specific = request == null
                ? null
                : switch (request) {
                    case C_STORE_RQ, C_STORE_RSP -> StoreStatus.describe(code);
                    case C_FIND_RQ, C_FIND_RSP -> QueryRetrieveStatus.describe(code, CommandField.C_FIND_RQ);
                    case C_MOVE_RQ, C_MOVE_RSP -> QueryRetrieveStatus.describe(code, CommandField.C_MOVE_RQ);
                    case C_GET_RQ, C_GET_RSP -> QueryRetrieveStatus.describe(code, CommandField.C_GET_RQ);
                    case N_EVENT_REPORT_RQ ->
                        code == CommitmentStatus.FAILURE_DUPLICATE_TRANSACTION_UID.code()
                                ? "Failure: Duplicate Transaction UID"
                                : null; // a Failure Reason of a commitment report
                    default -> null;
                };
        return specific != null ? specific : description();
    }

    @Override
    public String toString() {
        return String.format("%04X (%s)", code, category());
    }
}
