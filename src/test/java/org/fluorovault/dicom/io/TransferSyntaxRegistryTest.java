package org.fluorovault.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fluorovault.dicom.dict.UidDictionary;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.TransferSyntaxRegistry.Compression;
import org.fluorovault.dicom.io.TransferSyntaxRegistry.Entry;
import org.fluorovault.dicom.io.TransferSyntaxRegistry.Pixels;
import org.junit.jupiter.api.Test;

/** The transfer syntax registry against the UID dictionary and PS3.5's facts. */
class TransferSyntaxRegistryTest {
    /** Registered transfer syntaxes that do not encode a data set the toolkit reads. */
    private static final Set<String> LEFT_OUT = Set.of(
            Uids.RFC2557MIMEEncapsulation,
            Uids.XMLEncoding,
            Uids.SMPTEST211020UncompressedProgressiveActiveVideo,
            Uids.SMPTEST211020UncompressedInterlacedActiveVideo,
            Uids.SMPTEST211030PCMDigitalAudio,
            Uids.Papyrus3ImplicitVRLittleEndian);

    @Test
    void everyDictionaryTransferSyntaxIsListedOrLeftOutOnPurpose() {
        Set<String> missing = new TreeSet<>();
        for (UidDictionary.UidEntry u : UidDictionary.entries()) {
            if (UidDictionary.isTransferSyntax(u.uid())
                    && TransferSyntaxRegistry.lookup(u.uid()) == null
                    && !LEFT_OUT.contains(u.uid())) {
                missing.add(u.uid());
            }
        }
        assertEquals(Set.of(), missing);
        for (String uid : LEFT_OUT) assertNull(TransferSyntaxRegistry.lookup(uid), uid);
    }

    @Test
    void everyEntryIsATransferSyntaxOfTheDictionaryAndNamedByIt() {
        assertTrue(TransferSyntaxRegistry.entries().size() > 50);
        for (Entry e : TransferSyntaxRegistry.entries()) {
            assertTrue(UidDictionary.isTransferSyntax(e.uid()), e.uid());
            assertEquals(UidDictionary.lookup(e.uid()).name(), e.name());
            assertSame(e.encoding(), TransferSyntax.of(e.uid()), "TransferSyntax.of answers from the registry");
            assertEquals(e.pixels() == Pixels.ENCAPSULATED, e.encoding().encapsulated(), e.name());
            if (e.compression() == Compression.NONE && e.pixels() == Pixels.NATIVE) {
                assertTrue(e.lossless() && e.decodable(), e.name() + ": native pixels are lossless and decodable");
            }
            if (e.decodable()) assertTrue(e.pixels() != Pixels.REFERENCED, e.name());
        }
    }

    @Test
    void encodingsFollowPs35() {
        Entry implicit = TransferSyntaxRegistry.require(Uids.ImplicitVRLittleEndian);
        assertFalse(implicit.explicitVR());
        assertFalse(implicit.bigEndian());
        assertEquals("Implicit VR Little Endian", implicit.name());
        Entry be = TransferSyntaxRegistry.require(Uids.ExplicitVRBigEndian);
        assertTrue(be.explicitVR() && be.bigEndian() && be.retired());
        assertTrue(TransferSyntaxRegistry.require(Uids.DeflatedExplicitVRLittleEndian)
                .deflated());
        Entry jpip = TransferSyntaxRegistry.require(Uids.JPIPReferencedDeflate);
        assertTrue(jpip.deflated());
        assertEquals(Pixels.REFERENCED, jpip.pixels());
        assertFalse(jpip.encoding().encapsulated());
        assertTrue(
                TransferSyntaxRegistry.require(Uids.JPIPHTJ2KReferencedDeflate).deflated());
        for (String uid : List.of(
                Uids.JPEGBaseline8Bit,
                Uids.JPEG2000,
                Uids.RLELossless,
                Uids.HEVCMP51,
                Uids.EncapsulatedUncompressedExplicitVRLittleEndian,
                Uids.DeflatedImageFrameCompression)) {
            Entry e = TransferSyntaxRegistry.require(uid);
            assertTrue(e.encapsulated() && e.explicitVR() && !e.bigEndian() && !e.deflated(), e.name());
        }
    }

    @Test
    void losslessAndDecodableAreStatedPerSyntax() {
        assertTrue(TransferSyntaxRegistry.require(Uids.JPEGLosslessSV1).lossless());
        assertTrue(TransferSyntaxRegistry.require(Uids.JPEGLSLossless).lossless());
        assertFalse(TransferSyntaxRegistry.require(Uids.JPEGLSNearLossless).lossless());
        assertTrue(TransferSyntaxRegistry.require(Uids.JPEG2000Lossless).lossless());
        assertFalse(TransferSyntaxRegistry.require(Uids.JPEG2000).lossless());
        assertFalse(TransferSyntaxRegistry.require(Uids.JPEGBaseline8Bit).lossless());
        assertFalse(TransferSyntaxRegistry.require(Uids.MPEG4HP41).lossless());
        Set<String> decodable = new TreeSet<>();
        TransferSyntaxRegistry.entries().stream().filter(Entry::decodable).forEach(e -> decodable.add(e.uid()));
        assertEquals(
                new TreeSet<>(Set.of(
                        Uids.ImplicitVRLittleEndian,
                        Uids.ExplicitVRLittleEndian,
                        Uids.DeflatedExplicitVRLittleEndian,
                        Uids.ExplicitVRBigEndian,
                        Uids.RLELossless,
                        Uids.JPEGBaseline8Bit,
                        Uids.JPEGExtended12Bit,
                        Uids.JPEGLossless,
                        Uids.JPEGLosslessSV1)),
                decodable);
    }

    @Test
    void anUnknownUidIsExplicitLittleEndianEncapsulatedAndRequireRefusesIt() {
        TransferSyntax ts = TransferSyntax.of(" 1.2.3.4 ");
        assertEquals("1.2.3.4", ts.uid());
        assertTrue(ts.explicitVR() && ts.encapsulated() && !ts.bigEndian() && !ts.deflated());
        assertNull(TransferSyntaxRegistry.lookup("1.2.3.4"));
        assertNull(TransferSyntaxRegistry.lookup(null));
        assertThrows(IllegalArgumentException.class, () -> TransferSyntaxRegistry.require("1.2.3.4"));
        assertNotNull(TransferSyntax.of(Uids.ImplicitVRLittleEndian + " "));
        assertSame(TransferSyntax.IMPLICIT_LE, TransferSyntax.of(Uids.ImplicitVRLittleEndian + " "));
    }
}
