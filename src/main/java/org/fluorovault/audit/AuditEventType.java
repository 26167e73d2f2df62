package org.fluorovault.audit;

import java.util.Arrays;

/**
 * Audit Event ID (scheme DCM, PS3.15 A.5 / PS3.16 CID 400) with the action an event of this ID
 * usually has.
 */
public enum AuditEventType {
    APPLICATION_ACTIVITY("110100", "Application Activity", AuditAction.E),
    AUDIT_LOG_USED("110101", "Audit Log Used", AuditAction.R),
    INSTANCES_ACCESSED("110103", "DICOM Instances Accessed", AuditAction.R),
    INSTANCES_TRANSFERRED("110104", "DICOM Instances Transferred", AuditAction.R),
    INSTANCES_DELETED("110105", "DICOM Instances Deleted", AuditAction.D),
    EXPORT("110106", "Export", AuditAction.R),
    IMPORT("110107", "Import", AuditAction.C),
    PROCEDURE_RECORD("110111", "Procedure Record", AuditAction.R),
    QUERY("110112", "Query", AuditAction.E),
    SECURITY_ALERT("110113", "Security Alert", AuditAction.E),
    USER_AUTHENTICATION("110114", "User Authentication", AuditAction.E);

    private final String code;
    private final String meaning;
    private final AuditAction defaultAction;

    AuditEventType(String code, String meaning, AuditAction defaultAction) {
        this.code = code;
        this.meaning = meaning;
        this.defaultAction = defaultAction;
    }

    /** The DCM code value, e.g. "110112". */
    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public AuditAction defaultAction() {
        return defaultAction;
    }

    /** By DCM code ("110112") or by name ("QUERY"), case-insensitive for names. */
    public static AuditEventType parse(String s) {
        String t = s.trim();
        return Arrays.stream(values())
                .filter(v -> v.code.equals(t) || v.name().equalsIgnoreCase(t))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown audit event type '" + s + "': use one of "
                        + Arrays.stream(values())
                                .map(v -> v.code + " " + v.name())
                                .toList()));
    }

    public static AuditEventType ofCode(String code) {
        return Arrays.stream(values())
                .filter(v -> v.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown audit event ID " + code));
    }
}
