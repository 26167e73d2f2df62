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
}
