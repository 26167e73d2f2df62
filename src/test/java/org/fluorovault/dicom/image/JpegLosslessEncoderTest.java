package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.ByteUtils;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;
import org.fluorovault.support.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JpegLosslessEncoderTest {
    private static final String SC_MULTIFRAME_WORD = "1.2.840.10008.5.1.4.1.1.7.3";
    private static final String SC_MULTIFRAME_BYTE = "1.2.840.10008.5.1.4.1.1.7.2";

    @TempDir
    Path tmp;

    /** Frames that exercise every difference category the precision allows, extremes included. */
    static List<short[]> frames(int precision, int columns, int rows, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int max = (1 << precision) - 1;
        List<short[]> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            short[] s = new short[columns * rows];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    int v = switch (f % 4) {
                        case 0 -> (x * max / Math.max(1, columns - 1) + y) & max; // smooth ramp
                        case 1 -> Math.min(max, Math.max(0, max / 2 + (int) (rnd.nextGaussian() * max / 40)));
                        case 2 -> ((x + y) & 1) == 0 ? 0 : max; // largest jumps
                        default -> rnd.nextInt(max + 1); // white noise
                    };
                    s[y * columns + x] = (short) v;
                }
            }
            frames.add(s);
        }
        if (precision == 16) frames.get(0)[1] = (short) 0x8000; // a difference of exactly 32768 (SSSS 16)
        return frames;
    }

    @org.junit.jupiter.api.Tag("interop")
    @ParameterizedTest(name = "P={0} {1}x{2}")
    @CsvSource({"12,64,48", "16,67,33", "8,33,17", "10,31,31", "2,9,5", "15,128,3"})
    void dcmdjpegDecodesEveryPixel(int precision, int columns, int rows) throws Exception {
        Peers.require("dcmdjpeg");
        List<short[]> frames = frames(precision, columns, rows, 4, precision * 1000L + columns);
        JpegLosslessEncoder encoder = new JpegLosslessEncoder(precision);
        List<byte[]> jpegs = new ArrayList<>();
        for (short[] f : frames) jpegs.add(encoder.encode(f, columns, rows));
        int bitsAllocated = precision <= 8 ? 8 : 16;

        Attributes ds = new Attributes();
        ds.setString(Tags.SOPClassUID, VR.UI, bitsAllocated == 8 ? SC_MULTIFRAME_BYTE : SC_MULTIFRAME_WORD);
        ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1443.9.7." + precision);
        ds.setString(Tags.NumberOfFrames, VR.IS, Integer.toString(frames.size()));
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.Rows, VR.US, rows);
        ds.setInt(Tags.Columns, VR.US, columns);
        ds.setInt(Tags.BitsAllocated, VR.US, bitsAllocated);
        ds.setInt(Tags.BitsStored, VR.US, precision);
        ds.setInt(Tags.HighBit, VR.US, precision - 1);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        Fragments fragments = Encapsulation.oneFragmentPerFrame(jpegs);
        ds.put(Tag.PixelData, VR.OB, fragments);
        Path in = tmp.resolve("jpegll.dcm");
        Path out = tmp.resolve("native.dcm");
        write(in, ds, JpegLosslessEncoder.TRANSFER_SYNTAX_UID);

        Peers.Result r = Peers.run(tmp, 60, "dcmdjpeg", "+te", in.toString(), out.toString());
        assertEquals(0, r.exitCode(), r.output());
        Attributes decoded = read(out);
        byte[] px = decoded.getBytes(Tag.PixelData);
        assertNotNull(px, "decompressed file has native pixel data");
        int outBits = decoded.getInt(Tags.BitsAllocated, 0);
        int n = columns * rows;
        for (int f = 0; f < frames.size(); f++) {
            short[] expected = frames.get(f);
            short[] actual = new short[n];
            for (int i = 0; i < n; i++) {
                int k = f * n + i;
                actual[i] = (short) (outBits == 8 ? px[k] & 0xFF : ByteUtils.uint16LE(px, 2 * k));
            }
            assertArrayEquals(expected, actual, "frame " + f + " differs after dcmdjpeg");
        }
    }

    @Test
    void bitstreamHasTheProcess14Markers() {
        short[] s = frames(12, 20, 10, 1, 1).get(0);
        byte[] j = new JpegLosslessEncoder(12).encode(s, 20, 10);
        assertEquals(0xFFD8, ByteUtils.uint16BE(j, 0), "SOI");
        assertEquals(0xFFD9, ByteUtils.uint16BE(j, j.length - 2), "EOI");
        int sof = indexOfMarker(j, 0xC3);
        assertTrue(sof > 0, "SOF3 (lossless, Huffman) present");
        assertEquals(12, j[sof + 4], "precision");
        assertEquals(10, ByteUtils.uint16BE(j, sof + 5), "rows");
        assertEquals(20, ByteUtils.uint16BE(j, sof + 7), "columns");
        int sos = indexOfMarker(j, 0xDA);
        assertEquals(1, j[sos + 7], "Ss = predictor selection value 1");
        assertEquals(0, j[sos + 9], "Ah/Al = point transform 0");
    }

    @Test
    void huffmanCodesAreLimitedTo16BitsAndLeaveAllOnesUnused() {
        long[] freq = new long[17];
        long a = 1, b = 1; // Fibonacci frequencies give an unconstrained tree 17 levels deep
        for (int i = 0; i < 17; i++) {
            freq[i] = a;
            long c = a + b;
            a = b;
            b = c;
        }
        JpegLosslessEncoder.HuffmanTable t = JpegLosslessEncoder.HuffmanTable.optimal(freq);
        double kraft = 0;
        for (int v = 0; v < 17; v++) {
            assertTrue(t.size[v] >= 1 && t.size[v] <= 16, "category " + v + " has a code of " + t.size[v] + " bits");
            kraft += Math.pow(2, -t.size[v]);
            assertTrue(t.code[v] != (1 << t.size[v]) - 1, "all-ones code word used by category " + v);
        }
        assertTrue(kraft < 1.0, "a code point stays reserved");
        for (int v = 0; v < 17; v++) {
            for (int w = 0; w < 17; w++) {
                if (v == w || t.size[v] > t.size[w]) continue;
                assertTrue(t.code[w] >>> (t.size[w] - t.size[v]) != t.code[v], "code " + v + " is a prefix of " + w);
            }
        }
        assertTrue(t.size[16] < t.size[0], "the most frequent category (16 here) gets the shorter code");
    }

    @Test
    void aConstantFrameUsesOneOneBitCode() {
        short[] s = new short[100];
        java.util.Arrays.fill(s, (short) 2048);
        JpegLosslessEncoder.HuffmanTable t = JpegLosslessEncoder.HuffmanTable.optimal(
                new long[] {100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(1, t.size[0]);
        assertEquals(0, t.code[0]);
        byte[] j = new JpegLosslessEncoder(12).encode(s, 10, 10);
        int sos = indexOfMarker(j, 0xDA);
        int scanBytes = j.length - 2 - (sos + 10);
        assertEquals(13, scanBytes, "100 one-bit codes pad to 13 bytes");
    }

    @Test
    void rejectsSamplesWiderThanThePrecision() {
        short[] s = {0, 4096};
        assertThrows(IllegalArgumentException.class, () -> new JpegLosslessEncoder(12).encode(s, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new JpegLosslessEncoder(17));
    }

    @Test
    void oddFramesArePaddedAfterTheEoiAndOffsetsCountThePadding() {
        byte[] odd = {(byte) 0xFF, (byte) 0xD8, 1, (byte) 0xFF, (byte) 0xD9};
        byte[] even = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        Fragments f = Encapsulation.oneFragmentPerFrame(List.of(odd, even, odd));
        assertEquals(4, f.size());
        byte[] first = (byte[]) f.items().get(1);
        assertEquals(6, first.length);
        assertEquals(0xFFD9, ByteUtils.uint16BE(first, 3));
        assertEquals(0, first[5]);
        assertArrayEquals(new long[] {0, 14, 26}, f.basicOffsetTable());
    }

    static int indexOfMarker(byte[] j, int marker) {
        for (int i = 0; i + 1 < j.length; i++) if ((j[i] & 0xFF) == 0xFF && (j[i + 1] & 0xFF) == marker) return i;
        return -1;
    }

    private static void write(Path file, Attributes ds, String tsuid) throws IOException {
        Attributes fmi = FileMetaInformation.create(
                ds.getString(Tags.SOPClassUID),
                ds.getString(Tags.SOPInstanceUID),
                tsuid,
                "1.2.826.0.1.3680043.10.1443.9",
                "FV_TEST",
                null);
        try (DicomWriter w = new DicomWriter(Files.newOutputStream(file))) {
            w.writeFile(fmi, ds);
        }
    }

    private static Attributes read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DicomReader r = new DicomReader(in, file)) {
            return r.readFile(new Attributes());
        }
    }
}
