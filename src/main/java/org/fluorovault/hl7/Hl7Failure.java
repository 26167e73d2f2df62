package org.fluorovault.hl7;

/**
 * A message FluoroVault does not act on: answered with {@code ackCode} (AE: the content is wrong,
 * AR: the message is rejected: unsupported type or version, or unreadable), the HL7 table 0357
 * error code and a text saying what is wrong (MSA-3, ERR-8).
 */
final class Hl7Failure extends RuntimeException {
    static final int SEGMENT_SEQUENCE = 100;
    static final int REQUIRED_FIELD_MISSING = 101;
    static final int DATA_TYPE = 102;
    static final int TABLE_VALUE_NOT_FOUND = 103;
    static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    static final int UNSUPPORTED_EVENT = 201;
    static final int UNSUPPORTED_VERSION = 203;
    static final int UNKNOWN_KEY = 204;
    static final int DUPLICATE_KEY = 205;
    static final int APPLICATION_ERROR = 207;

    private final String ackCode;
    private final int errorCode;
    private final boolean refused;

    private Hl7Failure(String ackCode, int errorCode, String text, boolean refused) {
        super(text);
        this.ackCode = ackCode;
        this.errorCode = errorCode;
        this.refused = refused;
    }

    static Hl7Failure error(int errorCode, String text) {
        return new Hl7Failure("AE", errorCode, text, false);
    }

    static Hl7Failure reject(int errorCode, String text) {
        return new Hl7Failure("AR", errorCode, text, false);
    }

    /** AR for a source address or sender that is not allowed (recorded as a security alert). */
    static Hl7Failure refused(String text) {
        return new Hl7Failure("AR", APPLICATION_ERROR, text, true);
    }

    /** True when the sender was refused (not on the allow-lists), not the message's content. */
    boolean refused() {
        return refused;
    }

    String ackCode() {
        return ackCode;
    }

    int errorCode() {
        return errorCode;
    }
}
