package org.fluorovault.dicom.data;

/** Helpers for DICOM tags held as {@code int} (group in the high 16 bits). */
public final class Tag {
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;
    public static final int PixelData = 0x7FE00010;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int SpecificCharacterSet = 0x00080005;

    private Tag() {}

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xffff);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xffff;
    }

    public static boolean isPrivate(int tag) {
        return (group(tag) & 1) == 1;
    }

    /** Private creator elements (gggg,0010-00FF) of an odd group. */
    public static boolean isPrivateCreator(int tag) {
        int el = element(tag);
        return isPrivate(tag) && el >= 0x10 && el <= 0xff;
    }

    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    public static boolean isPixelData(int tag) {
        return tag == PixelData || tag == FloatPixelData || tag == DoubleFloatPixelData;
    }

    /** "(gggg,eeee)" in upper-case hex. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }

    /** Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee". */
    public static int parse(String s) {
        String t = s.replace("(", "").replace(")", "").replace(",", "").trim();
        if (t.length() != 8) throw new IllegalArgumentException("not a tag: " + s);
        return (int) Long.parseLong(t, 16);
    }
}
