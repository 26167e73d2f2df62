package org.fluorovault.dicom.net.ul;

/** AE titles as they may be written to a log: a peer chooses its own, control characters included. */
public final class AeTitles {
    private AeTitles() {}

    /**
     * The title with backslash, control characters (C0, DEL, C1) and anything outside ISO 646
     * written as {@code \n}, {@code \r}, {@code \t}, {@code \\} or {@code \xHH} / {@code \u005CuHHHH},
     * so that a title cannot forge or break log lines; null stays "null".
     */
    public static String printable(String aet) {
        if (aet == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < aet.length(); i++) {
            char c = aet.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7F && c != '\\';
            if (plain) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(aet.length() + 8).append(aet, 0, i);
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> b.append(c <= 0xFF ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
            }
        }
        return b == null ? aet : b.toString();
    }
}
