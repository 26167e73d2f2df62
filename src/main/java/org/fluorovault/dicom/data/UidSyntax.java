package org.fluorovault.dicom.data;

/**
 * The value rules of a UI (Unique Identifier) element, PS3.5 6.2 and 9.1: components of digits
 * separated by single periods, no empty component, no leading zero in a component of more than one
 * digit, at most 64 characters. Values that come from outside are checked with these before they
 * name a file, a query or a log line.
 */
public final class UidSyntax {
    public static final int MAX_LENGTH = 64;

    private UidSyntax() {}

    /** True when {@code uid} is a syntactically valid UID. */
    public static boolean isValid(String uid) {
        return problem(uid) == null;
    }

    /**
     * Why {@code uid} is not a valid UID, or null when it is. The reason names no part of the value
     * beyond its length, so it can be logged and returned to a peer as it is.
     */
    public static String problem(String uid) {
        if (uid == null || uid.isEmpty()) return "empty UID";
        if (uid.length() > MAX_LENGTH) return "UID longer than 64 characters (" + uid.length() + ")";
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            char c = i < uid.length() ? uid.charAt(i) : '.';
            if (c == '.') {
                int len = i - componentStart;
                if (len == 0) return "UID with an empty component at character " + (i + 1);
                if (len > 1 && uid.charAt(componentStart) == '0') {
                    return "UID component with a leading zero at character " + (componentStart + 1);
                }
                componentStart = i + 1;
            } else if (c < '0' || c > '9') {
                return "UID with a character other than a digit or a period at character " + (i + 1);
            }
        }
        return null;
    }

    /**
     * {@code uid} as it may appear in a log line: as it is when valid, otherwise clipped to 80
     * characters with every character outside printable ASCII (and the backslash) written as
     * a backslash escape with its hex code, so a peer cannot forge or break log lines.
     */
    public static String forLog(String uid) {
        if (uid == null) return "(none)";
        if (isValid(uid)) return uid;
        StringBuilder sb = new StringBuilder();
        String v = uid.length() > 80 ? uid.substring(0, 80) : uid;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') sb.append(c);
            else if (c < 0x100) sb.append(String.format("\\x%02X", (int) c));
            else sb.append(String.format("\\u%04X", (int) c));
        }
        if (uid.length() > 80) sb.append("...");
        return "\"" + sb + "\" (invalid UID)";
    }

    /** {@code uid} itself when valid; otherwise an {@link IllegalArgumentException} saying why. */
    public static String requireValid(String uid, String what) {
        String p = problem(uid);
        if (p != null) throw new IllegalArgumentException(what + ": " + p);
        return uid;
    }
}
