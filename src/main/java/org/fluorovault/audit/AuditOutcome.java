package org.fluorovault.audit;

import java.util.Arrays;

/** Event Outcome Indicator (PS3.15 A.5.1). */
public enum AuditOutcome {
    SUCCESS(0),
    MINOR_FAILURE(4),
    SERIOUS_FAILURE(8),
    MAJOR_FAILURE(12);

    private final int code;

    AuditOutcome(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AuditOutcome ofCode(int code) {
        return Arrays.stream(values())
                .filter(v -> v.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome " + code));
    }
}
