package org.fluorovault.dicom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.BulkDataRef;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DicomCodecTest {

    /** One element of every VR of PS3.5, a nested sequence and an odd-length value. */
    static Attributes everyVr() {
        Attributes a = new Attributes();
        a.setString(0x00080005, VR.CS, "ISO_IR 192");
        a.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.12.1");
        a.setString(0x00080018, VR.UI, "1.2.3.4.5");
        a.setString(0x00080020, VR.DA, "20261126");
        a.setString(0x00080030, VR.TM, "101500.123");
        a.setString(0x0008002A, VR.DT, "20261126101500");
        a.setString(0x00080050, VR.SH, "ACC123");
        a.setString(0x00080054, VR.AE, "CARM1");
        a.setString(0x00080060, VR.CS, "XA");
        a.setString(0x00080080, VR.LO, "Clinic Zürich");
        a.setString(0x00081030, VR.LO, "Lumbar ESI");
        a.setString(0x00100010, VR.PN, "Müller^Jörg");
        a.setString(0x00101010, VR.AS, "054Y");
        a.setString(0x00181063, VR.DS, "66.7");
        a.setString(0x00200013, VR.IS, "7");
        a.setString(0x00204000, VR.LT, "line one\\ with backslash");
        a.setString(0x00324000, VR.ST, "short text");
        a.setString(0x00081190, VR.UR, "http://example.invalid/x");
        a.setString(0x00080119, VR.UC, "unlimited characters");
        a.setString(0x0008030E, VR.UT, "unlimited text");
        a.setInt(0x00280010, VR.US, 512);
        a.setInt(0x00281041, VR.SS, -2);
        a.setInt(0x00720078, VR.UL, 0xFFFFFFF0);
        a.setInt(0x00186020, VR.SL, -100000);
        a.setInt(0x00209165, VR.AT, 0x00100010, 0x7FE00010);
        a.setDouble(0x00189327, VR.FD, 3.25);
        a.setDouble(0x00109431, VR.FL, 1.5f);
        a.setBytes(0x00420011, VR.OB, new byte[] {1, 2, 3}); // odd length: padded
        a.setBytes(0x00660023, VR.OW, new byte[] {1, 0, 2, 0});
        a.setBytes(0x00660016, VR.OF, new byte[] {0, 0, (byte) 0x80, 0x3f});
        a.setBytes(0x00660022, VR.OD, new byte[8]);
        a.setBytes(0x00660040, VR.OL, new byte[] {1, 0, 0, 0});
        a.setBytes(0x00091010, VR.UN, new byte[] {9, 9});
        a.setLong(0x00720082, VR.SV, -5L);
        a.setLong(0x00720083, VR.UV, 5L);
        a.setBytes(0x00720081, VR.OV, new byte[8]);
        Attributes item = a.addItem(0x00081115);
        item.setString(0x0020000E, VR.UI, "1.2.3.6");
        Attributes nested = item.addItem(0x0008114A);
        nested.setString(0x00081155, VR.UI, "1.2.3.7");
        nested.setString(0x00100010, VR.PN, "Nested^Ü");
        a.newSequence(0x00400275); // empty sequence
        return a;
    }

    private static byte[] write(Attributes ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        w.writeDataset(ds, ts);
        w.finish();
        return out.toByteArray();
    }

    private static Attributes read(byte[] b, TransferSyntax ts) throws IOException {
        return new DicomReader(new ByteArrayInputStream(b), null).readDataset(ts);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"})
    void everyVrRoundTripsInEachTransferSyntax(String tsuid) throws IOException {
        TransferSyntax ts = TransferSyntax.of(tsuid);
        Attributes in = everyVr();
        Attributes out = read(write(in, ts), ts);
        assertEquals("Müller^Jörg", out.getString(0x00100010));
        assertEquals("Clinic Zürich", out.getString(0x00080080));
        assertEquals(512, out.getInt(0x00280010, 0));
        assertEquals(-2, out.getInt(0x00281041, 0));
        assertEquals(0xFFFFFFF0, out.getInt(0x00720078, 0));
        assertEquals("unlimited text", out.getString(0x0008030E));
        assertEquals("unlimited characters", out.getString(0x00080119));
        assertEquals(-100000, out.getInt(0x00186020, 0));
        assertArrayEquals(new int[] {0x00100010, 0x7FE00010}, out.getInts(0x00209165));
        assertEquals(3.25, out.getDouble(0x00189327, 0), 1e-9);
        assertEquals(1.5, out.getDouble(0x00109431, 0), 1e-6);
        assertEquals(66.7, out.getDouble(0x00181063, 0), 1e-9);
        assertEquals("line one\\ with backslash", out.getString(0x00204000));
        assertArrayEquals(new byte[] {1, 2, 3, 0}, out.getBytes(0x00420011));
        assertEquals(-5L, Long.parseLong(out.getStrings(0x00720082)[0]));
        Attributes item = out.getNestedItem(0x00081115);
        assertEquals("1.2.3.6", item.getString(0x0020000E));
        assertEquals("Nested^Ü", item.getNestedItem(0x0008114A).getString(0x00100010), "items inherit the charset");
        assertTrue(out.getSequence(0x00400275).isEmpty());
        if (ts.explicitVR()) {
            for (Attributes.Element e : in.elements()) assertEquals(e.vr(), out.vr(e.tag()), Tag.toString(e.tag()));
        }
    }

    @Test
    void bigEndianSwapsBinaryValuesOnTheWire() throws IOException {
        Attributes a = new Attributes();
        a.setInt(0x00280010, VR.US, 0x0102);
        byte[] b = write(a, TransferSyntax.EXPLICIT_BE);
        // tag 0028,0010 big endian, VR "US", length 2, value 01 02
        assertArrayEquals(new byte[] {0, 0x28, 0, 0x10, 'U', 'S', 0, 2, 1, 2}, b);
        assertEquals(0x0102, read(b, TransferSyntax.EXPLICIT_BE).getInt(0x00280010, 0));
    }

    @Test
    void readsUndefinedLengthSequencesAndItemsAndDefinedLengthOnes() throws IOException {
        // explicit VR LE: (0008,1115) SQ defined length 0x1A containing one defined-length item with one UI
        byte[] defined = {
            0x08,
            0x00,
            0x15,
            0x11,
            'S',
            'Q',
            0,
            0,
            0x16,
            0,
            0,
            0,
            (byte) 0xFE,
            (byte) 0xFF,
            0x00,
            (byte) 0xE0,
            0x0E,
            0,
            0,
            0,
            0x20,
            0x00,
            0x0E,
            0x00,
            'U',
            'I',
            6,
            0,
            '1',
            '.',
            '2',
            '.',
            '3',
            0
        };
        Attributes a = read(defined, TransferSyntax.EXPLICIT_LE);
        assertEquals("1.2.3", a.getNestedItem(0x00081115).getString(0x0020000E));
        // the same, undefined lengths with delimiters
        byte[] undefined = {
            0x08,
            0x00,
            0x15,
            0x11,
            'S',
            'Q',
            0,
            0,
            -1,
            -1,
            -1,
            -1,
            (byte) 0xFE,
            (byte) 0xFF,
            0x00,
            (byte) 0xE0,
            -1,
            -1,
            -1,
            -1,
            0x20,
            0x00,
            0x0E,
            0x00,
            'U',
            'I',
            6,
            0,
            '1',
            '.',
            '2',
            '.',
            '3',
            0,
            (byte) 0xFE,
            (byte) 0xFF,
            0x0D,
            (byte) 0xE0,
            0,
            0,
            0,
            0,
            (byte) 0xFE,
            (byte) 0xFF,
            (byte) 0xDD,
            (byte) 0xE0,
            0,
            0,
            0,
            0
        };
        assertEquals(
                "1.2.3",
                read(undefined, TransferSyntax.EXPLICIT_LE)
                        .getNestedItem(0x00081115)
                        .getString(0x0020000E));
    }

    @Test
    void unWithUndefinedLengthIsReadAsImplicitSequence() throws IOException {
        byte[] b = {
            0x09,
            0x00,
            0x10,
            0x10,
            'U',
            'N',
            0,
            0,
            -1,
            -1,
            -1,
            -1,
            (byte) 0xFE,
            (byte) 0xFF,
            0x00,
            (byte) 0xE0,
            -1,
            -1,
            -1,
            -1,
            0x20,
            0x00,
            0x0E,
            0x00,
            4,
            0,
            0,
            0,
            '1',
            '.',
            '2',
            0,
            (byte) 0xFE,
            (byte) 0xFF,
            0x0D,
            (byte) 0xE0,
            0,
            0,
            0,
            0,
            (byte) 0xFE,
            (byte) 0xFF,
            (byte) 0xDD,
            (byte) 0xE0,
            0,
            0,
            0,
            0
        };
        Attributes a = read(b, TransferSyntax.EXPLICIT_LE);
        assertEquals(VR.SQ, a.vr(0x00091010));
        assertEquals("1.2", a.getNestedItem(0x00091010).getString(0x0020000E));
    }

    @Test
    void encapsulatedPixelDataKeepsOffsetTableAndFragmentsAndReferencesThemOnDisk(@TempDir Path dir)
            throws IOException {
        Attributes ds = new Attributes();
        ds.setString(0x00080018, VR.UI, "1.2.3");
        Fragments f = new Fragments(VR.OB);
        byte[] bot = new byte[8];
        org.fluorovault.dicom.data.ByteUtils.putInt32LE(bot, 4, 12);
        f.add(bot);
        f.add(new byte[] {1, 2, 3, 4});
        f.add(new byte[] {5, 6, 7});
        ds.put(Tag.PixelData, VR.OB, f);
        Attributes fmi = FileMetaInformation.create(
                "1.2.840.10008.5.1.4.1.1.7", "1.2.3", "1.2.840.10008.1.2.4.70", "1.2.3.4", "T", "AE");
        Path file = dir.resolve("x.dcm");
        try (DicomWriter w = new DicomWriter(Files.newOutputStream(file))) {
            w.writeFile(fmi, ds);
        }
        Attributes inline = new DicomReader(Files.newInputStream(file), file).readFile(null);
        Fragments back = inline.getFragments(Tag.PixelData);
        assertEquals(3, back.size());
        assertArrayEquals(new long[] {0, 12}, back.basicOffsetTable());
        assertArrayEquals(new byte[] {5, 6, 7, 0}, (byte[]) back.items().get(2), "odd fragment padded");

        Attributes ref = new DicomReader(Files.newInputStream(file), file)
                .bulkMode(DicomReader.BulkMode.REFERENCE)
                .readFile(null);
        Fragments refs = ref.getFragments(Tag.PixelData);
        BulkDataRef second = (BulkDataRef) refs.items().get(1);
        byte[] all = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(all, (int) second.offset(), (int)
                (second.offset() + second.length())));
    }

    @Test
    void nativePixelDataIsReferencedNotLoaded(@TempDir Path dir) throws IOException {
        Attributes ds = new Attributes();
        ds.setString(0x00080018, VR.UI, "1.2.3");
        byte[] pixels = new byte[1 << 20];
        Arrays.fill(pixels, (byte) 7);
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        ds.setBytes(0xFFFCFFFC, VR.OB, new byte[] {1, 2}); // Data Set Trailing Padding
        Path file = dir.resolve("n.dcm");
        try (DicomWriter w = new DicomWriter(Files.newOutputStream(file))) {
            w.writeFile(
                    FileMetaInformation.create(
                            "1.2.840.10008.5.1.4.1.1.7", "1.2.3", "1.2.840.10008.1.2.1", "1.2", "T", null),
                    ds);
        }
        Attributes r = new DicomReader(Files.newInputStream(file), file)
                .bulkMode(DicomReader.BulkMode.REFERENCE)
                .readFile(null);
        BulkDataRef ref = r.getBulkData(Tag.PixelData);
        assertNotNull(ref);
        assertEquals(pixels.length, ref.length());
        assertEquals(Files.size(file) - pixels.length - 12 - 2, ref.offset(), "offset points at the value");
        assertArrayEquals(new byte[] {1, 2}, r.getBytes(0xFFFCFFFC), "elements after pixel data are still read");
        Attributes stop = new DicomReader(Files.newInputStream(file), file)
                .stopAt(Tag.PixelData)
                .readFile(null);
        assertNull(stop.get(Tag.PixelData));
        assertEquals("1.2.3", stop.getString(0x00080018));
    }

    @Test
    void truncatedDataIsAParseErrorNotAnAllocation() {
        byte[] header = {0x10, 0x00, 0x10, 0x00, 'P', 'N', 10, 0, 'A', 'B'};
        DicomParseException e = assertThrows(DicomParseException.class, () -> read(header, TransferSyntax.EXPLICIT_LE));
        assertTrue(e.getMessage().contains("ends in the middle"), e.getMessage());
        // an OB claiming 2 GB with 4 bytes behind it
        byte[] lying = {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -2, -1, -1, 0x7F, 1, 2, 3, 4};
        assertThrows(DicomParseException.class, () -> read(lying, TransferSyntax.EXPLICIT_LE));
        byte[] badVr = {0x10, 0x00, 0x10, 0x00, 'z', 'z', 2, 0, 'A', 'B'};
        DicomParseException v = assertThrows(DicomParseException.class, () -> read(badVr, TransferSyntax.EXPLICIT_LE));
        assertTrue(v.getMessage().contains("unknown VR"), v.getMessage());
    }

    @Test
    void deeplyNestedSequencesAreRefused() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            b.writeBytes(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1});
            b.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, -1, -1, -1, -1});
        }
        DicomParseException e =
                assertThrows(DicomParseException.class, () -> read(b.toByteArray(), TransferSyntax.EXPLICIT_LE));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    void fileMetaInformationHasGroupLengthAndIsReadBack(@TempDir Path dir) throws IOException {
        Attributes fmi = FileMetaInformation.create(
                "1.2.840.10008.5.1.4.1.1.12.1", "1.2.3", "1.2.840.10008.1.2", "1.2.9", "FV", "CARM");
        Attributes ds = new Attributes();
        ds.setString(0x00080018, VR.UI, "1.2.3");
        ds.setString(0x00100010, VR.PN, "Doe^Jane");
        Path f = dir.resolve("m.dcm");
        try (DicomWriter w = new DicomWriter(Files.newOutputStream(f))) {
            w.writeFile(fmi, ds);
        }
        byte[] b = Files.readAllBytes(f);
        assertEquals('D', b[128]);
        Attributes fmiBack = new Attributes();
        Attributes back = new DicomReader(Files.newInputStream(f), f).readFile(fmiBack);
        assertEquals("1.2.840.10008.1.2", fmiBack.getString(0x00020010));
        assertEquals("CARM", fmiBack.getString(0x00020016));
        assertTrue(fmiBack.getInt(0x00020000, 0) > 0);
        assertEquals("Doe^Jane", back.getString(0x00100010));
    }
}
