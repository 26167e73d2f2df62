package org.fluorovault.dicom.json;

import java.util.Base64;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.BulkDataRef;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.VR;

/**
 * The DICOM JSON model of PS3.18 Annex F: one object per data set keyed by 8-hex-digit tags,
 * each with "vr" and "Value", "InlineBinary" or (for bulk data) "BulkDataURI" when a URI maker
 * is supplied. Person names use the "Alphabetic"/"Ideographic"/"Phonetic" components.
 */
public final class DicomJsonWriter {
    /** Makes a BulkDataURI for an element left on disk, or null to omit the value. */
    @FunctionalInterface
    public interface BulkDataUris {
        String uriFor(int tag);
    }

    private final BulkDataUris bulkUris;

    public DicomJsonWriter(BulkDataUris bulkUris) {
        this.bulkUris = bulkUris;
    }

    public static String toJson(Attributes ds) {
        StringBuilder sb = new StringBuilder();
        new DicomJsonWriter(null).write(ds, sb);
        return sb.toString();
    }

    public void write(Attributes ds, StringBuilder sb) {
        sb.append('{');
        boolean first = true;
        for (Attributes.Element e : ds.elements()) {
            if (!first) sb.append(',');
            first = false;
            sb.append('"')
                    .append(String.format("%08X", e.tag()))
                    .append("\":{\"vr\":\"")
                    .append(e.vr())
                    .append('"');
            writeValue(ds, e, sb);
            sb.append('}');
        }
        sb.append('}');
    }

    private void writeValue(Attributes ds, Attributes.Element e, StringBuilder sb) {
        Object v = e.value();
        if (v == null) return;
        VR vr = e.vr();
        if (v instanceof Sequence seq) {
            sb.append(",\"Value\":[");
            for (int i = 0; i < seq.size(); i++) {
                if (i > 0) sb.append(',');
                write(seq.get(i), sb);
            }
            sb.append(']');
            return;
        }
        if (v instanceof BulkDataRef || v instanceof Fragments) {
            String uri = bulkUris == null ? null : bulkUris.uriFor(e.tag());
            if (uri != null) sb.append(",\"BulkDataURI\":").append(quote(uri));
            return;
        }
        byte[] b = (byte[]) v;
        switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN ->
                sb.append(",\"InlineBinary\":\"")
                        .append(Base64.getEncoder().encodeToString(b))
                        .append('"');
            case PN -> {
                String[] names = ds.getStrings(e.tag());
                sb.append(",\"Value\":[");
                for (int i = 0; i < names.length; i++) {
                    if (i > 0) sb.append(',');
                    String[] groups = names[i].split("=", -1);
                    sb.append('{');
                    String[] keys = {"Alphabetic", "Ideographic", "Phonetic"};
                    boolean any = false;
                    for (int g = 0; g < Math.min(3, groups.length); g++) {
                        if (groups[g].isEmpty()) continue;
                        if (any) sb.append(',');
                        sb.append('"').append(keys[g]).append("\":").append(quote(groups[g]));
                        any = true;
                    }
                    sb.append('}');
                }
                sb.append(']');
            }
            case DS, FL, FD, IS, SL, SS, UL, US, SV, UV -> {
                String[] vals = ds.getStrings(e.tag());
                sb.append(",\"Value\":[");
                for (int i = 0; i < vals.length; i++) {
                    if (i > 0) sb.append(',');
                    sb.append(number(vals[i]));
                }
                sb.append(']');
            }
            case AT -> {
                int[] tags = ds.getInts(e.tag());
                sb.append(",\"Value\":[");
                for (int i = 0; i < tags.length; i++) {
                    if (i > 0) sb.append(',');
                    sb.append('"').append(String.format("%08X", tags[i])).append('"');
                }
                sb.append(']');
            }
            default -> {
                String[] vals = ds.getStrings(e.tag());
                sb.append(",\"Value\":[");
                for (int i = 0; i < vals.length; i++) {
                    if (i > 0) sb.append(',');
                    sb.append(vals[i].isEmpty() ? "null" : quote(vals[i]));
                }
                sb.append(']');
            }
        }
    }

    private static String number(String s) {
        String t = s.trim();
        if (t.isEmpty()) return "null";
        try {
            double d = Double.parseDouble(t);
            if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
            if (t.matches("[+-]?\\d+")) return Long.toString(Long.parseLong(t.replace("+", "")));
            return Double.toString(d);
        } catch (NumberFormatException e) {
            return "null";
        }
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
