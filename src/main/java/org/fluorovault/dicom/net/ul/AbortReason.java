package org.fluorovault.dicom.net.ul;

/** Reason/diagnostic values of an A-ABORT from the service provider (source 2, PS3.8 Table 9-26). */
public enum AbortReason {
    REASON_NOT_SPECIFIED(0),
    UNRECOGNIZED_PDU(1),
    UNEXPECTED_PDU(2),
    UNRECOGNIZED_PDU_PARAMETER(4),
    UNEXPECTED_PDU_PARAMETER(5),
    INVALID_PDU_PARAMETER_VALUE(6);

    private final int code;

    AbortReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AbortReason of(int code) {
        for (AbortReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return REASON_NOT_SPECIFIED;
    }
}
