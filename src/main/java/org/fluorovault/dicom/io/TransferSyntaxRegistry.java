package org.fluorovault.dicom.io;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fluorovault.dicom.dict.UidDictionary;
import org.fluorovault.dicom.dict.Uids;

/**
 * What the toolkit knows of each transfer syntax (PS3.5 10 and Annex A): how its data set is
 * encoded ({@link TransferSyntax}), how its pixel data is held, which compression it uses, whether
 * that compression is lossless, and whether {@code dicom.image} can decode its frames. Names come
 * from the UID dictionary; the UIDs are the generated {@link Uids} constants.
 * <p>
 * Every registered transfer syntax of PS3.6 is listed except those that do not encode a DICOM data
 * set the toolkit reads (RFC 2557 MIME and XML encoding, the SMPTE ST 2110 streams, Papyrus 3).
 * An unlisted UID is read as explicit VR little endian with encapsulated pixel data (see
 * {@link TransferSyntax#of}).
 */
public final class TransferSyntaxRegistry {

    /** Where the pixel data of an object in a transfer syntax is. */
    public enum Pixels {
        /** In the data set, uncompressed (PS3.5 8.1.1). */
        NATIVE,
        /** In the data set as a sequence of fragments (PS3.5 A.4). */
        ENCAPSULATED,
        /** Outside the data set, named by a Pixel Data Provider URL (JPIP, PS3.5 A.6, A.7). */
        REFERENCED
    }

    /** The compression family of a transfer syntax's pixel data. */
    public enum Compression {
        NONE,
        RLE,
        JPEG,
        JPEG_LOSSLESS,
        JPEG_LS,
        JPEG_2000,
        HTJ2K,
        MPEG2,
        H264,
        HEVC,
        JPEG_XL,
        DEFLATE
    }

    /**
     * One transfer syntax.
     *
     * @param encoding    how its data set is encoded
     * @param pixels      where its pixel data is
     * @param compression its pixel data's compression
     * @param lossless    true when decoding gives back the pixel values that were encoded
     * @param decodable   true when {@code dicom.image} decodes its frames
     */
    public record Entry(
            TransferSyntax encoding, Pixels pixels, Compression compression, boolean lossless, boolean decodable) {
        public Entry {
            Objects.requireNonNull(encoding, "encoding");
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(compression, "compression");
        }

        public String uid() {
            return encoding.uid();
        }

        /** The PS3.6 name. */
        public String name() {
            return UidDictionary.nameOf(encoding.uid());
        }

        public boolean explicitVR() {
            return encoding.explicitVR();
        }

        public boolean bigEndian() {
            return encoding.bigEndian();
        }

        /** True when the whole data set is deflated (PS3.5 A.5). */
        public boolean deflated() {
            return encoding.deflated();
        }

        public boolean encapsulated() {
            return pixels == Pixels.ENCAPSULATED;
        }

        /** True for retired transfer syntaxes (explicit VR big endian, the hierarchical JPEG processes...). */
        public boolean retired() {
            UidDictionary.UidEntry e = UidDictionary.lookup(encoding.uid());
            return e != null && e.retired();
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add(TransferSyntax.IMPLICIT_LE, Pixels.NATIVE, Compression.NONE, true, true);
        add(TransferSyntax.EXPLICIT_LE, Pixels.NATIVE, Compression.NONE, true, true);
        encapsulated(Uids.EncapsulatedUncompressedExplicitVRLittleEndian, Compression.NONE, true, false);
        add(TransferSyntax.DEFLATED_LE, Pixels.NATIVE, Compression.NONE, true, true);
        add(TransferSyntax.EXPLICIT_BE, Pixels.NATIVE, Compression.NONE, true, true);

        encapsulated(Uids.JPEGBaseline8Bit, Compression.JPEG, false, true);
        encapsulated(Uids.JPEGExtended12Bit, Compression.JPEG, false, true);
        encapsulated(Uids.JPEGExtended35, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGSpectralSelectionNonHierarchical68, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGSpectralSelectionNonHierarchical79, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGFullProgressionNonHierarchical1012, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGFullProgressionNonHierarchical1113, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGLossless, Compression.JPEG_LOSSLESS, true, true);
        encapsulated(Uids.JPEGLosslessNonHierarchical15, Compression.JPEG_LOSSLESS, true, false);
        encapsulated(Uids.JPEGExtendedHierarchical1618, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGExtendedHierarchical1719, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGSpectralSelectionHierarchical2022, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGSpectralSelectionHierarchical2123, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGFullProgressionHierarchical2426, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGFullProgressionHierarchical2527, Compression.JPEG, false, false);
        encapsulated(Uids.JPEGLosslessHierarchical28, Compression.JPEG_LOSSLESS, true, false);
        encapsulated(Uids.JPEGLosslessHierarchical29, Compression.JPEG_LOSSLESS, true, false);
        encapsulated(Uids.JPEGLosslessSV1, Compression.JPEG_LOSSLESS, true, true);

        encapsulated(Uids.JPEGLSLossless, Compression.JPEG_LS, true, false);
        encapsulated(Uids.JPEGLSNearLossless, Compression.JPEG_LS, false, false);
        encapsulated(Uids.JPEG2000Lossless, Compression.JPEG_2000, true, false);
        encapsulated(Uids.JPEG2000, Compression.JPEG_2000, false, false);
        encapsulated(Uids.JPEG2000MCLossless, Compression.JPEG_2000, true, false);
        encapsulated(Uids.JPEG2000MC, Compression.JPEG_2000, false, false);
        // JPIP: the data set in explicit VR little endian (deflated for the Deflate variant), pixels by reference
        add(
                new TransferSyntax(Uids.JPIPReferenced, true, false, false, false),
                Pixels.REFERENCED,
                Compression.JPEG_2000,
                false,
                false);
        add(
                new TransferSyntax(Uids.JPIPReferencedDeflate, true, false, true, false),
                Pixels.REFERENCED,
                Compression.JPEG_2000,
                false,
                false);

        for (String uid : new String[] {Uids.MPEG2MPML, Uids.MPEG2MPMLF, Uids.MPEG2MPHL, Uids.MPEG2MPHLF}) {
            encapsulated(uid, Compression.MPEG2, false, false);
        }
        for (String uid : new String[] {
            Uids.MPEG4HP41,
            Uids.MPEG4HP41F,
            Uids.MPEG4HP41BD,
            Uids.MPEG4HP41BDF,
            Uids.MPEG4HP422D,
            Uids.MPEG4HP422DF,
            Uids.MPEG4HP423D,
            Uids.MPEG4HP423DF,
            Uids.MPEG4HP42STEREO,
            Uids.MPEG4HP42STEREOF
        }) {
            encapsulated(uid, Compression.H264, false, false);
        }
        encapsulated(Uids.HEVCMP51, Compression.HEVC, false, false);
        encapsulated(Uids.HEVCM10P51, Compression.HEVC, false, false);

        encapsulated(Uids.JPEGXLLossless, Compression.JPEG_XL, true, false);
        // lossless recompression of a JPEG whose own coding was lossy
        encapsulated(Uids.JPEGXLJPEGRecompression, Compression.JPEG_XL, false, false);
        encapsulated(Uids.JPEGXL, Compression.JPEG_XL, false, false);
        encapsulated(Uids.HTJ2KLossless, Compression.HTJ2K, true, false);
        encapsulated(Uids.HTJ2KLosslessRPCL, Compression.HTJ2K, true, false);
        encapsulated(Uids.HTJ2K, Compression.HTJ2K, false, false);
        add(
                new TransferSyntax(Uids.JPIPHTJ2KReferenced, true, false, false, false),
                Pixels.REFERENCED,
                Compression.HTJ2K,
                false,
                false);
        add(
                new TransferSyntax(Uids.JPIPHTJ2KReferencedDeflate, true, false, true, false),
                Pixels.REFERENCED,
                Compression.HTJ2K,
                false,
                false);

        encapsulated(Uids.RLELossless, Compression.RLE, true, true);
        encapsulated(Uids.DeflatedImageFrameCompression, Compression.DEFLATE, true, false);
    }

    private TransferSyntaxRegistry() {}

    private static void encapsulated(String uid, Compression compression, boolean lossless, boolean decodable) {
        add(new TransferSyntax(uid, true, false, false, true), Pixels.ENCAPSULATED, compression, lossless, decodable);
    }

    private static void add(
            TransferSyntax ts, Pixels pixels, Compression compression, boolean lossless, boolean decodable) {
        if (ENTRIES.put(ts.uid(), new Entry(ts, pixels, compression, lossless, decodable)) != null) {
            throw new AssertionError("transfer syntax listed twice: " + ts.uid());
        }
    }

    /** The entry of a transfer syntax UID, or null when it is not registered (or null). */
    public static Entry lookup(String uid) {
        return uid == null ? null : ENTRIES.get(uid);
    }

    /** The entry of a registered transfer syntax; IllegalArgumentException for any other UID. */
    public static Entry require(String uid) {
        Entry e = lookup(uid);
        if (e == null) throw new IllegalArgumentException("not a registered transfer syntax: " + uid);
        return e;
    }

    /**
     * The set of the given UIDs, each a registered transfer syntax (IllegalArgumentException
     * otherwise): how a service declares the syntaxes it accepts.
     */
    public static Set<String> uids(String... uids) {
        Set<String> s = new LinkedHashSet<>();
        for (String uid : uids) s.add(require(uid).uid());
        return Collections.unmodifiableSet(s);
    }

    /** All entries in PS3.6 order. */
    public static Collection<Entry> entries() {
        return Collections.unmodifiableCollection(ENTRIES.values());
    }
}
