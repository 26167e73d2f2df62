package org.fluorovault.dicom.io;

import org.fluorovault.dicom.dict.Uids;

/**
 * How a data set is encoded (PS3.5 section 10): VR explicit or not, byte order, deflated or not,
 * pixel data encapsulated or not. The facts per UID live in {@link TransferSyntaxRegistry}; a UID
 * it does not know is taken as explicit VR little endian with encapsulated pixel data.
 */
public record TransferSyntax(
        String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {
    public static final String IMPLICIT_VR_LE = Uids.ImplicitVRLittleEndian;
    public static final String EXPLICIT_VR_LE = Uids.ExplicitVRLittleEndian;
    public static final String DEFLATED_EXPLICIT_VR_LE = Uids.DeflatedExplicitVRLittleEndian;
    public static final String EXPLICIT_VR_BE = Uids.ExplicitVRBigEndian;

    public static final TransferSyntax IMPLICIT_LE = new TransferSyntax(IMPLICIT_VR_LE, false, false, false, false);
    public static final TransferSyntax EXPLICIT_LE = new TransferSyntax(EXPLICIT_VR_LE, true, false, false, false);
    public static final TransferSyntax DEFLATED_LE =
            new TransferSyntax(DEFLATED_EXPLICIT_VR_LE, true, false, true, false);
    public static final TransferSyntax EXPLICIT_BE = new TransferSyntax(EXPLICIT_VR_BE, true, true, false, false);

    public static TransferSyntax of(String uid) {
        if (uid == null) throw new IllegalArgumentException("no transfer syntax");
        String u = uid.trim();
        TransferSyntaxRegistry.Entry e = TransferSyntaxRegistry.lookup(u);
        return e != null ? e.encoding() : new TransferSyntax(u, true, false, false, true);
    }

    /** True for the uncompressed syntaxes whose pixel data is native. */
    public boolean isNative() {
        return !encapsulated;
    }
}
