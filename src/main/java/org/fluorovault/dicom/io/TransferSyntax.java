package org.fluorovault.dicom.io;

/**
 * How a data set is encoded (PS3.5 section 10). Every transfer syntax other than implicit VR
 * little endian, explicit VR big endian and deflated is explicit VR little endian; all of those
 * with encapsulated pixel data except the three native ones.
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {
    public static final String IMPLICIT_VR_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LE = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BE = "1.2.840.10008.1.2.2";

    public static final TransferSyntax IMPLICIT_LE = new TransferSyntax(IMPLICIT_VR_LE, false, false, false, false);
    public static final TransferSyntax EXPLICIT_LE = new TransferSyntax(EXPLICIT_VR_LE, true, false, false, false);
    public static final TransferSyntax DEFLATED_LE = new TransferSyntax(DEFLATED_EXPLICIT_VR_LE, true, false, true, false);
    public static final TransferSyntax EXPLICIT_BE = new TransferSyntax(EXPLICIT_VR_BE, true, true, false, false);

    public static TransferSyntax of(String uid) {
        if (uid == null) throw new IllegalArgumentException("no transfer syntax");
        String u = uid.trim();
        return switch (u) {
            case IMPLICIT_VR_LE -> IMPLICIT_LE;
            case EXPLICIT_VR_LE -> EXPLICIT_LE;
            case DEFLATED_EXPLICIT_VR_LE -> DEFLATED_LE;
            case EXPLICIT_VR_BE -> EXPLICIT_BE;
            // JPIP referenced deflate: dataset deflated, pixel data referenced, not encapsulated
            case "1.2.840.10008.1.2.4.95" -> new TransferSyntax(u, true, false, true, false);
            case "1.2.840.10008.1.2.4.94" -> new TransferSyntax(u, true, false, false, false);
            default -> new TransferSyntax(u, true, false, false, true);
        };
    }

    /** True for the uncompressed syntaxes whose pixel data is native. */
    public boolean isNative() { return !encapsulated; }
}
