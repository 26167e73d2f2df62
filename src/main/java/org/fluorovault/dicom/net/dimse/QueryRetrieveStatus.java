package org.fluorovault.dicom.net.dimse;

/** Status codes of the Query/Retrieve Service Class (PS3.4 C.4.1.1.4, C.4.2.1.5, C.4.3.1.4). */
public final class QueryRetrieveStatus {
    private QueryRetrieveStatus() {}

    /** Refused: Out of Resources (C-FIND; for C-MOVE/C-GET: unable to calculate number of matches). */
    public static final Status OUT_OF_RESOURCES = new Status(0xA700);
    /** Refused: Out of Resources, unable to calculate number of matches (C-MOVE, C-GET). */
    public static final Status UNABLE_TO_CALCULATE_MATCHES = new Status(0xA701);
    /** Refused: Out of Resources, unable to perform sub-operations (C-MOVE, C-GET). */
    public static final Status UNABLE_TO_PERFORM_SUBOPERATIONS = new Status(0xA702);
    /** Refused: Move Destination unknown (C-MOVE). */
    public static final Status MOVE_DESTINATION_UNKNOWN = new Status(0xA801);
    /** Error: Identifier does not match SOP Class. */
    public static final Status IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = new Status(0xA900);
    /** Error: Unable to process. */
    public static final Status UNABLE_TO_PROCESS = new Status(0xC000);
    /** Warning: Sub-operations complete, one or more failures or warnings (C-MOVE, C-GET). */
    public static final Status SUBOPERATIONS_COMPLETE_WITH_FAILURES = new Status(0xB000);

    /**
     * The meaning of {@code code} in answer to a C-FIND, C-MOVE or C-GET request (ranges A9xx and
     * Cxxx included), null for codes the service class does not define.
     */
    static String describe(int code, CommandField request) {
        boolean retrieve = request == CommandField.C_MOVE_RQ || request == CommandField.C_GET_RQ;
        if (code == 0xFF00) {
            return retrieve ? "Pending: sub-operations are continuing" : "Pending: matches are continuing";
        }
        if (code == 0xFF01 && !retrieve) {
            return "Pending: matches are continuing, one or more Optional Keys not supported";
        }
        if (code == 0xA801 && request == CommandField.C_MOVE_RQ) return "Refused: Move Destination unknown";
        if (retrieve) {
            switch (code) {
                case 0xA701:
                    return "Refused: Out of Resources - unable to calculate number of matches";
                case 0xA702:
                    return "Refused: Out of Resources - unable to perform sub-operations";
                case 0xB000:
                    return "Warning: Sub-operations complete - one or more failures or warnings";
                default:
                    break;
            }
        } else if ((code & 0xFF00) == 0xA700) {
            return "Refused: Out of Resources";
        }
        if ((code & 0xFF00) == 0xA900) return "Error: Identifier does not match SOP Class";
        if ((code & 0xF000) == 0xC000) return "Error: Unable to process";
        return null;
    }
}
