package org.fluorovault.dicom.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * A DICOM data set: elements sorted by tag. Binary values are held little endian whatever the
 * transfer syntax they came from; text values are held as the bytes received and decoded with the
 * Specific Character Set (inherited by sequence items) when read.
 */
public final class Attributes {
    /** One element. {@code value} is a byte[], {@link Sequence}, {@link Fragments}, {@link BulkDataRef} or null (empty). */
    public record Element(int tag, VR vr, Object value) {
        public long length() {
            if (value == null) return 0;
            if (value instanceof byte[] b) return b.length;
            if (value instanceof BulkDataRef r) return r.length();
            return -1;
        }
    }

    private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
    private Attributes parent;
    private SpecificCharacterSet charset;

    public Attributes() {}

    /** Item of a sequence: inherits the Specific Character Set of {@code parent}. */
    public Attributes(Attributes parent) {
        this.parent = parent;
    }

    void setParent(Attributes parent) {
        this.parent = parent;
    }

    public Attributes parent() {
        return parent;
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** True when the element is present with a non-empty value. */
    public boolean containsValue(int tag) {
        Element e = elements.get(tag);
        return e != null && e.value() != null && e.length() != 0;
    }

    public Element get(int tag) {
        return elements.get(tag);
    }

    public VR vr(int tag) {
        Element e = elements.get(tag);
        return e == null ? null : e.vr();
    }

    public Collection<Element> elements() {
        return elements.values();
    }

    public Element remove(int tag) {
        Element e = elements.remove(tag);
        if (tag == Tag.SpecificCharacterSet) charset = null;
        return e;
    }

    /** Adds or replaces an element with a raw value (byte[] little endian, Sequence, Fragments, BulkDataRef or null). */
    public Attributes put(int tag, VR vr, Object value) {
        if (value != null
                && !(value instanceof byte[]
                        || value instanceof Sequence
                        || value instanceof Fragments
                        || value instanceof BulkDataRef)) {
            throw new IllegalArgumentException("unsupported value type " + value.getClass());
        }
        if (value instanceof Sequence s) for (Attributes item : s) item.setParent(this);
        elements.put(tag, new Element(tag, vr, value));
        if (tag == Tag.SpecificCharacterSet) charset = null;
        return this;
    }

    public SpecificCharacterSet specificCharacterSet() {
        if (charset == null) {
            Element e = elements.get(Tag.SpecificCharacterSet);
            if (e != null && e.value() instanceof byte[] b) {
                String[] terms = new String(b, StandardCharsets.US_ASCII).split("\\\\", -1);
                charset = SpecificCharacterSet.of(terms);
            } else {
                return parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.ASCII;
            }
        }
        return charset;
    }

    // ---- strings

    /** All values of a string element (or numbers rendered as text), empty array when absent or empty. */
    public String[] getStrings(int tag) {
        Element e = elements.get(tag);
        if (e == null || e.value() == null) return new String[0];
        if (!(e.value() instanceof byte[] b)) return new String[0];
        VR vr = e.vr();
        if (vr.isString()) {
            String s = decode(vr, b);
            if (s.isEmpty()) return new String[0];
            if (vr.kind() == VR.Kind.TEXT_SINGLE) return new String[] {trim(vr, s)};
            String[] parts = s.split("\\\\", -1);
            for (int i = 0; i < parts.length; i++) parts[i] = trim(vr, parts[i]);
            return parts;
        }
        return binaryAsStrings(vr, b);
    }

    private String decode(VR vr, byte[] b) {
        if (vr.kind() == VR.Kind.STRING) return new String(b, StandardCharsets.US_ASCII);
        String delimiters = vr == VR.PN ? "\\^=" : "\\";
        if (vr.kind() == VR.Kind.TEXT_SINGLE) delimiters = "";
        return specificCharacterSet().decode(b, 0, b.length, delimiters);
    }

    private static String trim(VR vr, String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) end--;
        if (vr.kind() == VR.Kind.TEXT_SINGLE || vr == VR.UC) return s.substring(0, end); // leading spaces significant
        int start = 0;
        while (start < end && s.charAt(start) == ' ') start++;
        return s.substring(start, end);
    }

    private static String[] binaryAsStrings(VR vr, byte[] b) {
        int unit = vr.unitSize();
        if (unit == 0 || vr == VR.OB || vr == VR.UN) return new String[0];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.length / unit;
        String[] r = new String[n];
        for (int i = 0; i < n; i++) {
            r[i] = switch (vr) {
                case US, OW -> Integer.toString(bb.getShort(i * 2) & 0xffff);
                case SS -> Short.toString(bb.getShort(i * 2));
                case UL, OL -> Long.toString(bb.getInt(i * 4) & 0xffffffffL);
                case SL -> Integer.toString(bb.getInt(i * 4));
                case AT -> Tag.toString(((bb.getShort(i * 4) & 0xffff) << 16) | (bb.getShort(i * 4 + 2) & 0xffff));
                case FL, OF -> Float.toString(bb.getFloat(i * 4));
                case FD, OD -> Double.toString(bb.getDouble(i * 8));
                case SV -> Long.toString(bb.getLong(i * 8));
                case UV, OV -> Long.toUnsignedString(bb.getLong(i * 8));
                default -> "";
            };
        }
        return r;
    }

    public String getString(int tag) {
        String[] v = getStrings(tag);
        return v.length == 0 ? null : v[0];
    }

    public String getString(int tag, String def) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? def : s;
    }

    /** The whole value as one string, multiple values joined with a backslash. */
    public String getValueAsString(int tag) {
        String[] v = getStrings(tag);
        return v.length == 0 ? null : String.join("\\", v);
    }

    public Attributes setString(int tag, VR vr, String... values) {
        if (!vr.isString()) throw new IllegalArgumentException(vr + " is not a string VR");
        if (values == null || values.length == 0 || (values.length == 1 && values[0] == null)) {
            return put(tag, vr, null);
        }
        String joined = String.join(
                "\\", Arrays.stream(values).map(v -> v == null ? "" : v).toList());
        byte[] b = vr.kind() == VR.Kind.STRING
                ? joined.getBytes(StandardCharsets.US_ASCII)
                : specificCharacterSet().encode(joined);
        if ((b.length & 1) == 1) {
            b = Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = (byte) vr.padding();
        }
        return put(tag, vr, b);
    }

    // ---- numbers

    public int[] getInts(int tag) {
        Element e = elements.get(tag);
        if (e == null || !(e.value() instanceof byte[] b)) return new int[0];
        VR vr = e.vr();
        if (vr.isString()) {
            String[] s = getStrings(tag);
            List<Integer> r = new ArrayList<>();
            for (String x : s) {
                try {
                    r.add((int) Math.round(Double.parseDouble(x.trim())));
                } catch (NumberFormatException ignored) {
                }
            }
            return r.stream().mapToInt(Integer::intValue).toArray();
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        return switch (vr) {
            case US, OW -> {
                int[] r = new int[b.length / 2];
                for (int i = 0; i < r.length; i++) r[i] = bb.getShort(i * 2) & 0xffff;
                yield r;
            }
            case SS -> {
                int[] r = new int[b.length / 2];
                for (int i = 0; i < r.length; i++) r[i] = bb.getShort(i * 2);
                yield r;
            }
            case UL, SL, OL -> {
                int[] r = new int[b.length / 4];
                for (int i = 0; i < r.length; i++) r[i] = bb.getInt(i * 4);
                yield r;
            }
            case AT -> { // group then element, each 16-bit
                int[] r = new int[b.length / 4];
                for (int i = 0; i < r.length; i++)
                    r[i] = (bb.getShort(i * 4) & 0xffff) << 16 | (bb.getShort(i * 4 + 2) & 0xffff);
                yield r;
            }
            case OB, UN -> {
                int[] r = new int[b.length];
                for (int i = 0; i < r.length; i++) r[i] = b[i] & 0xff;
                yield r;
            }
            case FL, FD, OF, OD ->
                Arrays.stream(getDoubles(tag))
                        .mapToInt(d -> (int) Math.round(d))
                        .toArray();
            case SV, UV, OV -> {
                int[] r = new int[b.length / 8];
                for (int i = 0; i < r.length; i++) r[i] = (int) bb.getLong(i * 8);
                yield r;
            }
            default -> new int[0];
        };
    }

    public int getInt(int tag, int def) {
        int[] v = getInts(tag);
        return v.length == 0 ? def : v[0];
    }

    public double[] getDoubles(int tag) {
        Element e = elements.get(tag);
        if (e == null || !(e.value() instanceof byte[] b)) return new double[0];
        VR vr = e.vr();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (vr) {
            case FL, OF -> {
                double[] r = new double[b.length / 4];
                for (int i = 0; i < r.length; i++) r[i] = bb.getFloat(i * 4);
                return r;
            }
            case FD, OD -> {
                double[] r = new double[b.length / 8];
                for (int i = 0; i < r.length; i++) r[i] = bb.getDouble(i * 8);
                return r;
            }
            default -> {}
        }
        if (vr.isString()) {
            List<Double> r = new ArrayList<>();
            for (String x : getStrings(tag)) {
                try {
                    r.add(Double.parseDouble(x.trim()));
                } catch (NumberFormatException ignored) {
                }
            }
            return r.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return Arrays.stream(getInts(tag)).asDoubleStream().toArray();
    }

    public double getDouble(int tag, double def) {
        double[] v = getDoubles(tag);
        return v.length == 0 ? def : v[0];
    }

    /** Sets US, SS, UL, SL, AT or a numeric string VR (IS/DS). */
    public Attributes setInt(int tag, VR vr, int... values) {
        if (vr.isString()) {
            return setString(
                    tag, vr, Arrays.stream(values).mapToObj(Integer::toString).toArray(String[]::new));
        }
        int unit = switch (vr) {
            case US, SS, OW -> 2;
            case UL, SL, OL, AT -> 4;
            case OB, UN -> 1;
            default -> throw new IllegalArgumentException("setInt on " + vr);
        };
        byte[] b = new byte[values.length * unit];
        for (int i = 0; i < values.length; i++) {
            switch (unit) {
                case 1 -> b[i] = (byte) values[i];
                case 2 -> ByteUtils.putInt16LE(b, i * 2, values[i]);
                default -> {
                    if (vr == VR.AT) { // group then element, each 16-bit little endian
                        ByteUtils.putInt16LE(b, i * 4, values[i] >>> 16);
                        ByteUtils.putInt16LE(b, i * 4 + 2, values[i]);
                    } else {
                        ByteUtils.putInt32LE(b, i * 4, values[i]);
                    }
                }
            }
        }
        return put(tag, vr, b);
    }

    /** Sets FL, FD, OF, OD or DS. */
    public Attributes setDouble(int tag, VR vr, double... values) {
        if (vr == VR.DS) {
            return setString(
                    tag,
                    vr,
                    Arrays.stream(values).mapToObj(Attributes::formatDS).toArray(String[]::new));
        }
        int unit = vr == VR.FL || vr == VR.OF ? 4 : 8;
        if (vr != VR.FL && vr != VR.OF && vr != VR.FD && vr != VR.OD)
            throw new IllegalArgumentException("setDouble on " + vr);
        ByteBuffer bb = ByteBuffer.allocate(values.length * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (unit == 4) bb.putFloat((float) v);
            else bb.putDouble(v);
        }
        return put(tag, vr, bb.array());
    }

    /** Decimal string of at most 16 characters (PS3.5 DS). */
    public static String formatDS(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        if (s.length() <= 16) return s;
        for (int digits = 14; digits > 0; digits--) {
            s = String.format(java.util.Locale.ROOT, "%." + digits + "G", v).replaceFirst("\\.?0+(E|$)", "$1");
            if (s.length() <= 16) return s;
        }
        return s;
    }

    public Attributes setLong(int tag, VR vr, long... values) {
        if (vr != VR.SV && vr != VR.UV && vr != VR.OV) throw new IllegalArgumentException("setLong on " + vr);
        byte[] b = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) ByteUtils.putInt64LE(b, i * 8, values[i]);
        return put(tag, vr, b);
    }

    // ---- other values

    /** The raw value: binary little endian, text as the encoded bytes; null when absent or not a byte value. */
    public byte[] getBytes(int tag) {
        Element e = elements.get(tag);
        return e != null && e.value() instanceof byte[] b ? b : null;
    }

    public Attributes setBytes(int tag, VR vr, byte[] value) {
        return put(tag, vr, value);
    }

    public Sequence getSequence(int tag) {
        Element e = elements.get(tag);
        return e != null && e.value() instanceof Sequence s ? s : null;
    }

    /** The first item of a sequence, or null. */
    public Attributes getNestedItem(int tag) {
        Sequence s = getSequence(tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    public Sequence newSequence(int tag) {
        Sequence s = new Sequence();
        put(tag, VR.SQ, s);
        return s;
    }

    /** Adds a new item to the sequence {@code tag}, creating the sequence when absent. */
    public Attributes addItem(int tag) {
        Sequence s = getSequence(tag);
        if (s == null) s = newSequence(tag);
        Attributes item = new Attributes(this);
        s.add(item);
        return item;
    }

    public Fragments getFragments(int tag) {
        Element e = elements.get(tag);
        return e != null && e.value() instanceof Fragments f ? f : null;
    }

    public BulkDataRef getBulkData(int tag) {
        Element e = elements.get(tag);
        return e != null && e.value() instanceof BulkDataRef r ? r : null;
    }

    /** Copies every element of {@code other} into this data set (shallow for sequences). */
    public Attributes addAll(Attributes other) {
        for (Element e : other.elements()) put(e.tag(), e.vr(), e.value());
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Element e : elements.values()) {
            sb.append(Tag.toString(e.tag())).append(' ').append(e.vr()).append(' ');
            if (e.value() instanceof Sequence s) sb.append(s.size()).append(" item(s)");
            else if (e.value() instanceof Fragments f) sb.append(f.size()).append(" fragment(s)");
            else if (e.value() instanceof BulkDataRef r)
                sb.append("bulk ").append(r.length()).append(" bytes");
            else {
                String v = getValueAsString(e.tag());
                sb.append(v == null ? "" : v.length() > 64 ? v.substring(0, 64) + "..." : v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
