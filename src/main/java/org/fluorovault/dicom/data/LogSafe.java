package org.fluorovault.dicom.data;

/**
 * Values from outside (AE titles, HL7 fields, request parameters) made safe to write into a log
 * line: a control character (C0, DEL, C1) or a line/paragraph separator can no longer end the line
 * and forge the next one, and a terminal escape sequence cannot reach the operator's terminal.
 * Pure string work, so the DICOM toolkit and the application alike can use it.
 */
public final class LogSafe {
    /** Longest value written; longer ones are cut and marked with "...". */
    public static final int MAX_LENGTH = 512;

    private LogSafe() {}

    /**
     * {@code v} with backslash written {@code \\}, CR, LF and TAB as {@code \r}, {@code \n},
     * {@code \t}, and any other control character as {@code \xHH} (or {@code \\uHHHH} above 0xFF);
     * "null" for null. Printable text, including non-ASCII letters, is left as it is.
     */
    public static String escape(Object v) {
        if (v == null) return "null";
        String s = v.toString();
        boolean clean = s.length() <= MAX_LENGTH;
        for (int i = 0; clean && i < s.length(); i++) clean = !needsEscape(s.charAt(i));
        if (clean) return s;
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LENGTH) + 16);
        for (int i = 0; i < s.length(); i++) {
            if (b.length() >= MAX_LENGTH) return b.append("...").toString();
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (!needsEscape(c)) b.append(c);
                    else if (c <= 0xFF) b.append(String.format("\\x%02X", (int) c));
                    else b.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\\';
    }
}
