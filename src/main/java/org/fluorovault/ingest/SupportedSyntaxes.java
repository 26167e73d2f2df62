package org.fluorovault.ingest;

import java.util.Set;

import org.fluorovault.dicom.dict.UidDictionary;
import org.fluorovault.query.QueryRetrieveScp;

/**
 * What the receiver accepts: Verification and every storage SOP class of PS3.4 Annex B (XA,
 * Enhanced XA, RF, Enhanced XRF, SC, CT, DX, dose and other SR, KOS, presentation states,
 * Encapsulated PDF among them), each in the transfer syntaxes below. Objects are stored as
 * received, never transcoded. The Query/Retrieve SOP classes (FIND, MOVE, GET of the Patient and
 * Study Root models) in implicit or explicit VR little endian, and so are MPPS and Storage
 * Commitment Push Model.
 */
public final class SupportedSyntaxes {
    public static final String VERIFICATION = "1.2.840.10008.1.1";

    public static final Set<String> STORAGE_TRANSFER_SYNTAXES = Set.of(
            "1.2.840.10008.1.2",          // implicit VR little endian
            "1.2.840.10008.1.2.1",        // explicit VR little endian
            "1.2.840.10008.1.2.1.99",     // deflated explicit VR little endian
            "1.2.840.10008.1.2.2",        // explicit VR big endian (retired, still sent by old devices)
            "1.2.840.10008.1.2.4.50",     // JPEG baseline
            "1.2.840.10008.1.2.4.51",     // JPEG extended
            "1.2.840.10008.1.2.4.57",     // JPEG lossless
            "1.2.840.10008.1.2.4.70",     // JPEG lossless SV1
            "1.2.840.10008.1.2.4.80",     // JPEG-LS lossless
            "1.2.840.10008.1.2.4.81",     // JPEG-LS near-lossless
            "1.2.840.10008.1.2.4.90",     // JPEG 2000 lossless
            "1.2.840.10008.1.2.4.91",     // JPEG 2000
            "1.2.840.10008.1.2.5",        // RLE lossless
            "1.2.840.10008.1.2.4.100",    // MPEG-2 MP@ML
            "1.2.840.10008.1.2.4.101",    // MPEG-2 MP@HL
            "1.2.840.10008.1.2.4.102",    // MPEG-4 AVC/H.264 HP@4.1
            "1.2.840.10008.1.2.4.103",    // MPEG-4 AVC/H.264 BD-compatible HP@4.1
            "1.2.840.10008.1.2.4.104",    // MPEG-4 AVC/H.264 HP@4.2 2D
            "1.2.840.10008.1.2.4.105",    // MPEG-4 AVC/H.264 HP@4.2 3D
            "1.2.840.10008.1.2.4.106",    // MPEG-4 AVC/H.264 Stereo HP@4.2
            "1.2.840.10008.1.2.4.107",    // HEVC/H.265 Main
            "1.2.840.10008.1.2.4.108");   // HEVC/H.265 Main 10

    /** Normalized SOP classes served by N-services: MPPS, Storage Commitment Push Model. */
    public static final Set<String> N_SOP_CLASSES = Set.of(MppsScp.SOP_CLASS, StorageCommitmentScp.SOP_CLASS);

    private SupportedSyntaxes() {}

    public static boolean abstractSyntaxAccepted(String uid) {
        return VERIFICATION.equals(uid) || UidDictionary.isStorageSopClass(uid) || QueryRetrieveScp.SOP_CLASSES.contains(uid)
                || N_SOP_CLASSES.contains(uid);
    }

    public static boolean transferSyntaxAccepted(String abstractSyntax, String ts) {
        if (VERIFICATION.equals(abstractSyntax)) {
            return ts.equals("1.2.840.10008.1.2") || ts.equals("1.2.840.10008.1.2.1") || ts.equals("1.2.840.10008.1.2.2");
        }
        if (QueryRetrieveScp.SOP_CLASSES.contains(abstractSyntax) || N_SOP_CLASSES.contains(abstractSyntax)) {
            return QueryRetrieveScp.TRANSFER_SYNTAXES.contains(ts);
        }
        return STORAGE_TRANSFER_SYNTAXES.contains(ts);
    }
}
