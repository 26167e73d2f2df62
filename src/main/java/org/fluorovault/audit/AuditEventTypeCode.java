package org.fluorovault.audit;

import java.util.Arrays;

/** Audit Event Type Code (scheme DCM, PS3.16 CID 401): refines the Event ID where useful. */
public enum AuditEventTypeCode {
    APPLICATION_START("110120", "Application Start"),
    APPLICATION_STOP("110121", "Application Stop"),
    LOGIN("110122", "Login"),
    LOGOUT("110123", "Logout"),
    NODE_AUTHENTICATION("110126", "Node Authentication"),
    USE_OF_RESTRICTED_FUNCTION("110132", "Use of Restricted Function"),
    SECURITY_ROLES_CHANGED("110136", "Security Roles Changed"),
    USER_SECURITY_ATTRIBUTES_CHANGED("110137", "User security Attributes Changed");

    private final String code;
    private final String meaning;

    AuditEventTypeCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static AuditEventTypeCode ofCode(String code) {
        return Arrays.stream(values())
                .filter(v -> v.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown audit event type code " + code));
    }
}
