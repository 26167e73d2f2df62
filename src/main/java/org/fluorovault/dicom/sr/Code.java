package org.fluorovault.dicom.sr;

/**
 * A coded concept of PS3.3 Table 8.8-1 (Code Value, Coding Scheme Designator, Code Meaning).
 * Schemes are those of PS3.16 Table 8-1 ("DCM", "SCT", "LN", "UCUM", ...) or a private
 * designator starting with "99".
 */
public record Code(String value, String scheme, String meaning) {
    public Code {
        if (value == null
                || value.isEmpty()
                || scheme == null
                || scheme.isEmpty()
                || meaning == null
                || meaning.isEmpty()) {
            throw new IllegalArgumentException("a code needs a value, a scheme and a meaning");
        }
        if (value.length() > 16 || scheme.length() > 16 || meaning.length() > 64) {
            throw new IllegalArgumentException("code " + value + " exceeds the SH/LO lengths of PS3.5");
        }
    }

    public static Code dcm(String value, String meaning) {
        return new Code(value, "DCM", meaning);
    }

    public static Code sct(String value, String meaning) {
        return new Code(value, "SCT", meaning);
    }

    /** A UCUM unit; its meaning is the unit itself unless given. */
    public static Code ucum(String unit, String meaning) {
        return new Code(unit, "UCUM", meaning);
    }
}
