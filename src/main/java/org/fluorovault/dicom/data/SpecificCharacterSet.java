package org.fluorovault.dicom.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Specific Character Set (0008,0005) handling per PS3.5 section 6.1 and PS3.3 C.12.1.1.2.
 * Single-byte sets without code extensions, UTF-8 (ISO_IR 192), GB18030/GBK, and ISO 2022 code
 * extensions with escape sequences (IR 6, 100, 101, 109, 110, 144, 127, 126, 138, 148, 166, 13,
 * 87, 159, 149) for reading. Values are written in the first (default) character set.
 */
public final class SpecificCharacterSet {
    public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(new String[] {""});

    private static final Map<String, String> SINGLE = Map.ofEntries(
            Map.entry("", "US-ASCII"),
            Map.entry("ISO_IR 6", "US-ASCII"),
            Map.entry("ISO_IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 13", "JIS_X0201"),
            Map.entry("ISO_IR 166", "TIS-620"),
            Map.entry("ISO_IR 192", "UTF-8"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("GBK", "GBK"));

    /** ISO 2022 escape sequences (without ESC) and the charset they designate. */
    private static final Map<String, String> ESCAPES = Map.ofEntries(
            Map.entry("(B", "US-ASCII"),
            Map.entry("(J", "JIS_X0201"),
            Map.entry(")I", "JIS_X0201"),
            Map.entry("-A", "ISO-8859-1"),
            Map.entry("-B", "ISO-8859-2"),
            Map.entry("-C", "ISO-8859-3"),
            Map.entry("-D", "ISO-8859-4"),
            Map.entry("-L", "ISO-8859-5"),
            Map.entry("-G", "ISO-8859-6"),
            Map.entry("-F", "ISO-8859-7"),
            Map.entry("-H", "ISO-8859-8"),
            Map.entry("-M", "ISO-8859-9"),
            Map.entry("-T", "TIS-620"),
            Map.entry("$B", "JIS0208"),
            Map.entry("$(D", "JIS0212"),
            Map.entry("$)C", "KSC5601"),
            Map.entry("$)A", "GB2312"));

    private final String[] terms;

    private SpecificCharacterSet(String[] terms) {
        this.terms = terms;
    }

    /** From the values of (0008,0005); null or empty means the default repertoire. */
    public static SpecificCharacterSet of(String... values) {
        if (values == null || values.length == 0) return ASCII;
        String[] t = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            t[i] = values[i] == null
                    ? ""
                    : values[i].trim().toUpperCase(Locale.ROOT).replace("ISO 2022 IR ", "ISO_IR ");
        }
        return new SpecificCharacterSet(t);
    }

    public boolean isAscii() {
        for (String t : terms) if (!t.isEmpty() && !t.equals("ISO_IR 6")) return false;
        return true;
    }

    public boolean usesCodeExtensions() {
        return terms.length > 1;
    }

    /** The charset used for values without escape sequences. */
    public Charset initialCharset() {
        String name = SINGLE.get(terms[0]);
        return name == null ? StandardCharsets.US_ASCII : Charset.forName(name);
    }

    /** Decodes a value of a text VR. {@code delimiters} reset ISO 2022 state (PS3.5 6.1.2.5.3). */
    public String decode(byte[] b, int off, int len, String delimiters) {
        if (!hasEscape(b, off, len)) {
            if (terms[0].equals("ISO_IR 13")) return decodeJisX0201(b, off, len);
            return new String(b, off, len, initialCharset());
        }
        return decodeIso2022(b, off, len, delimiters);
    }

    public byte[] encode(String s) {
        return s.getBytes(initialCharset());
    }

    private static boolean hasEscape(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) if (b[i] == 0x1b) return true;
        return false;
    }

    private String decodeIso2022(byte[] b, int off, int len, String delimiters) {
        StringBuilder sb = new StringBuilder(len);
        String g0 = SINGLE.getOrDefault(terms[0], "US-ASCII");
        String initial = g0;
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int i = off, end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == 0x1b) {
                flush(sb, run, g0);
                int j = i + 1;
                StringBuilder esc = new StringBuilder();
                while (j < end && esc.length() < 3) {
                    esc.append((char) b[j++]);
                    if (ESCAPES.containsKey(esc.toString())) break;
                }
                String cs = ESCAPES.get(esc.toString());
                if (cs == null) { // unknown escape: keep the bytes visible rather than guess
                    sb.append('\uFFFD');
                    i = j;
                    continue;
                }
                g0 = cs;
                i = j;
                continue;
            }
            if (c < 0x80 && delimiters.indexOf(c) >= 0 && !isMultiByte(g0)) {
                flush(sb, run, g0);
                sb.append((char) c);
                g0 = initial;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n' || c == '\t' || c == '\f') { // control chars reset to initial
                flush(sb, run, g0);
                sb.append((char) c);
                g0 = initial;
                i++;
                continue;
            }
            run.write(c);
            i++;
        }
        flush(sb, run, g0);
        return sb.toString();
    }

    private static boolean isMultiByte(String cs) {
        return cs.equals("JIS0208") || cs.equals("JIS0212") || cs.equals("KSC5601") || cs.equals("GB2312");
    }

    private static void flush(StringBuilder sb, ByteArrayOutputStream run, String cs) {
        if (run.size() == 0) return;
        byte[] bytes = run.toByteArray();
        run.reset();
        switch (cs) {
            case "JIS0208" -> { // 7-bit JIS X 0208 -> EUC-JP by setting the high bits
                for (int k = 0; k < bytes.length; k++) if ((bytes[k] & 0x80) == 0) bytes[k] |= (byte) 0x80;
                sb.append(new String(bytes, Charset.forName("EUC-JP")));
            }
            case "JIS0212" -> {
                byte[] e = new byte[bytes.length + bytes.length / 2];
                int n = 0;
                for (int k = 0; k + 1 < bytes.length; k += 2) {
                    e[n++] = (byte) 0x8f;
                    e[n++] = (byte) (bytes[k] | 0x80);
                    e[n++] = (byte) (bytes[k + 1] | 0x80);
                }
                sb.append(new String(e, 0, n, Charset.forName("EUC-JP")));
            }
            case "KSC5601" -> sb.append(new String(bytes, Charset.forName("EUC-KR")));
            case "GB2312" -> sb.append(new String(bytes, Charset.forName("GB2312")));
            case "JIS_X0201" -> sb.append(decodeJisX0201(bytes, 0, bytes.length));
            default -> sb.append(new String(bytes, Charset.forName(cs)));
        }
    }

    /** JIS X 0201: Roman in G0 (like ASCII), half-width katakana 0xA1-0xDF in G1. */
    private static String decodeJisX0201(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            // 0x5C stays a backslash: DICOM keeps it as the value delimiter even in IR 13
            if (c >= 0xa1 && c <= 0xdf) sb.append((char) (0xff61 + (c - 0xa1)));
            else sb.append((char) c);
        }
        return sb.toString();
    }

    public List<String> terms() {
        return new ArrayList<>(List.of(terms));
    }

    @Override
    public String toString() {
        return String.join("\\", terms);
    }
}
