package org.fluorovault.dicom.net.ul;

import java.util.Optional;

/** The result/source/reason combinations of an A-ASSOCIATE-RJ that PS3.8 Table 9-21 defines. */
public enum RejectReason {
    /** 1/1/1 rejected-permanent, service-user, no-reason-given. */
    NO_REASON(1, 1, 1),
    /** 1/1/2 application-context-name-not-supported. */
    APPLICATION_CONTEXT_NOT_SUPPORTED(1, 1, 2),
    /** 1/1/3 calling-AE-title-not-recognized. */
    CALLING_AE_NOT_RECOGNIZED(1, 1, 3),
    /** 1/1/7 called-AE-title-not-recognized. */
    CALLED_AE_NOT_RECOGNIZED(1, 1, 7),
    /** 1/2/1 service-provider (ACSE), no-reason-given. */
    PROVIDER_NO_REASON(1, 2, 1),
    /** 1/2/2 service-provider (ACSE), protocol-version-not-supported. */
    PROTOCOL_VERSION_NOT_SUPPORTED(1, 2, 2),
    /** 2/3/1 rejected-transient, service-provider (presentation), temporary-congestion. */
    TEMPORARY_CONGESTION(2, 3, 1),
    /** 2/3/2 rejected-transient, service-provider (presentation), local-limit-exceeded. */
    LOCAL_LIMIT_EXCEEDED(2, 3, 2);

    private final int result;
    private final int source;
    private final int reason;

    RejectReason(int result, int source, int reason) {
        this.result = result;
        this.source = source;
        this.reason = reason;
    }

    public int result() {
        return result;
    }

    public int source() {
        return source;
    }

    public int reason() {
        return reason;
    }

    /** Rejected-transient: the requestor may try again later. */
    public boolean isTransient() {
        return result == 2;
    }

    /** The constant for a result/source/reason combination, empty for combinations without one. */
    public static Optional<RejectReason> of(int result, int source, int reason) {
        for (RejectReason r : values()) {
            if (r.result == result && r.source == source && r.reason == reason) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
