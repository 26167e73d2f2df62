package org.fluorovault.dicom.data;

/**
 * Value representations of PS3.5 section 6.2, with the properties the codecs need:
 * whether explicit VR encoding uses a 4-byte length (PS3.5 7.1.2), the size of one binary
 * value, and the padding byte.
 */
public enum VR {
    AE(Kind.STRING, false, 0, ' '),
    AS(Kind.STRING, false, 0, ' '),
    AT(Kind.BINARY, false, 4, 0),
    CS(Kind.STRING, false, 0, ' '),
    DA(Kind.STRING, false, 0, ' '),
    DS(Kind.STRING, false, 0, ' '),
    DT(Kind.STRING, false, 0, ' '),
    FL(Kind.BINARY, false, 4, 0),
    FD(Kind.BINARY, false, 8, 0),
    IS(Kind.STRING, false, 0, ' '),
    LO(Kind.TEXT_MULTI, false, 0, ' '),
    LT(Kind.TEXT_SINGLE, false, 0, ' '),
    OB(Kind.BINARY, true, 1, 0),
    OD(Kind.BINARY, true, 8, 0),
    OF(Kind.BINARY, true, 4, 0),
    OL(Kind.BINARY, true, 4, 0),
    OV(Kind.BINARY, true, 8, 0),
    OW(Kind.BINARY, true, 2, 0),
    PN(Kind.TEXT_MULTI, false, 0, ' '),
    SH(Kind.TEXT_MULTI, false, 0, ' '),
    SL(Kind.BINARY, false, 4, 0),
    SQ(Kind.SEQUENCE, true, 0, 0),
    SS(Kind.BINARY, false, 2, 0),
    ST(Kind.TEXT_SINGLE, false, 0, ' '),
    SV(Kind.BINARY, true, 8, 0),
    TM(Kind.STRING, false, 0, ' '),
    UC(Kind.TEXT_MULTI, true, 0, ' '),
    UI(Kind.STRING, false, 0, 0),
    UL(Kind.BINARY, false, 4, 0),
    UN(Kind.BINARY, true, 1, 0),
    UR(Kind.TEXT_SINGLE, true, 0, ' '),
    US(Kind.BINARY, false, 2, 0),
    UT(Kind.TEXT_SINGLE, true, 0, ' '),
    UV(Kind.BINARY, true, 8, 0);

    /** How a value of this VR is interpreted. */
    public enum Kind {
        /** ASCII (default repertoire) strings, backslash-separated values. */
        STRING,
        /** Strings in the specific character set, backslash-separated values. */
        TEXT_MULTI,
        /** Strings in the specific character set; backslash is not a delimiter. */
        TEXT_SINGLE,
        /** Binary numbers or bytes, little or big endian. */
        BINARY,
        /** A sequence of items. */
        SEQUENCE
    }

    private final Kind kind;
    private final boolean longLength;
    private final int unitSize;
    private final int padding;

    VR(Kind kind, boolean longLength, int unitSize, int padding) {
        this.kind = kind;
        this.longLength = longLength;
        this.unitSize = unitSize;
        this.padding = padding;
    }

    public Kind kind() {
        return kind;
    }

    /** True when explicit VR encoding has 2 reserved bytes and a 32-bit length. */
    public boolean longLength() {
        return longLength;
    }

    /** Bytes per value for binary VRs (1 for OB/UN), 0 for strings and sequences. */
    public int unitSize() {
        return unitSize;
    }

    /** Byte used to pad an odd-length value to even length. */
    public int padding() {
        return padding;
    }

    public boolean isString() {
        return kind == Kind.STRING || kind == Kind.TEXT_MULTI || kind == Kind.TEXT_SINGLE;
    }

    /** Binary VRs whose bytes must be swapped for big endian (not OB/UN). */
    public boolean swapsBytes() {
        return kind == Kind.BINARY && unitSize > 1;
    }

    /** The 16-bit code of this VR as it appears in explicit VR encoding. */
    public int code() {
        String n = name();
        return (n.charAt(0) << 8) | n.charAt(1);
    }

    /** The VR whose two-character code is {@code code}, or null when unknown. */
    public static VR fromCode(int code) {
        int hi = (code >> 8) & 0xff, lo = code & 0xff;
        if (hi < 'A' || hi > 'Z' || lo < 'A' || lo > 'Z') return null;
        return BY_CODE[(hi - 'A') * 26 + (lo - 'A')];
    }

    private static final VR[] BY_CODE = new VR[26 * 26];

    static {
        for (VR vr : values()) {
            String n = vr.name();
            BY_CODE[(n.charAt(0) - 'A') * 26 + (n.charAt(1) - 'A')] = vr;
        }
    }
}
