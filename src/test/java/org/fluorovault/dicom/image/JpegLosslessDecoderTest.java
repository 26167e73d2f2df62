package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.fluorovault.dicom.image.FrameDecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JpegLosslessDecoderTest {

    /** Our encoder's samples after the point transform, as a decoder must give them back. */
    private static int[] expected(short[] s, int pointTransform) {
        int[] v = new int[s.length];
        for (int i = 0; i < s.length; i++) v[i] = ((s[i] & 0xFFFF) >> pointTransform) << pointTransform;
        return v;
    }

    /** TwelveMonkeys (through ImageIO) as the independent reference: raw 16-bit samples. */
    private static int[] twelveMonkeys(byte[] jpeg, int columns, int rows) throws Exception {
        return JpegDecoder.decode(jpeg, new PixelFormat(rows, columns, 1, 16, 16, false, false));
    }

    /**
     * TwelveMonkeys 3.14 is the reference where it can be: it refuses 2- and 15-bit precision, and
     * after a restart it keeps predicting from the line above, where T.81 H.1.2.1 starts the interval
     * with a first line predicted from the left (as dcmtk does: JpegLosslessInteropTest); so with
     * restarts it is only a reference for predictor 1, which has no line above.
     */
    @ParameterizedTest(name = "P={0} predictor {1} Pt={2} restart every {3} lines, {4}x{5}")
    @CsvSource({
        "12,1,0,0,64,48,true",
        "12,2,0,0,64,48,true",
        "12,3,0,0,64,48,true",
        "12,4,0,0,64,48,true",
        "12,5,0,0,64,48,true",
        "12,6,0,0,64,48,true",
        "12,7,0,0,64,48,true",
        "16,1,0,0,67,33,true",
        "16,4,0,0,67,33,true",
        "16,6,0,0,67,33,true",
        "16,7,0,0,67,33,true",
        "8,1,0,0,33,17,true",
        "8,5,0,0,33,17,true",
        "2,1,0,0,9,5,false",
        "2,7,0,0,9,5,false",
        "10,6,3,0,31,31,true",
        "12,1,2,0,64,48,true",
        "16,7,4,0,20,20,true",
        "12,1,0,1,64,48,true",
        "12,1,0,7,64,48,true",
        "12,4,0,5,64,48,false",
        "16,6,0,8,67,33,false",
        "12,7,2,3,40,30,false",
        "15,2,0,2,128,3,false",
        "12,1,0,0,1,1,true"
    })
    void decodesOurEncoderExactlyAndAgreesWithTwelveMonkeys(
            int precision, int predictor, int pt, int restartLines, int columns, int rows, boolean twelveMonkeys)
            throws Exception {
        JpegLosslessEncoder encoder = new JpegLosslessEncoder(precision, predictor, pt, restartLines);
        for (short[] frame : JpegLosslessEncoderTest.frames(precision, columns, rows, 4, precision * 31L + predictor)) {
            byte[] jpeg = encoder.encode(frame, columns, rows);
            JpegLosslessDecoder.Image img = JpegLosslessDecoder.decode(jpeg);
            assertEquals(columns, img.columns());
            assertEquals(rows, img.rows());
            assertEquals(precision, img.precision());
            assertArrayEquals(expected(frame, pt), img.samples(), "own decoder");
            if (twelveMonkeys)
                assertArrayEquals(twelveMonkeys(jpeg, columns, rows), img.samples(), "against TwelveMonkeys");
        }
    }

    @Test
    void restartIntervalsAreInTheStreamAndEachStartsAFreshPrediction() throws Exception {
        short[] frame = JpegLosslessEncoderTest.frames(12, 16, 10, 2, 7).get(1);
        byte[] jpeg = new JpegLosslessEncoder(12, 4, 0, 3).encode(frame, 16, 10);
        int rst = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xF8) == 0xD0) rst++;
        assertEquals(3, rst, "10 lines in intervals of 3 need three restart markers");
        assertArrayEquals(expected(frame, 0), JpegLosslessDecoder.decode(jpeg).samples());
        // a restart marker out of sequence is damage, named as such
        byte[] swapped = jpeg.clone();
        for (int i = 0; i + 1 < swapped.length; i++) {
            if ((swapped[i] & 0xFF) == 0xFF && (swapped[i + 1] & 0xFF) == 0xD1) swapped[i + 1] = (byte) 0xD5;
        }
        FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> JpegLosslessDecoder.decode(swapped));
        assertTrue(e.getMessage().contains("RST5"), e.getMessage());
    }

    @Test
    void frameValuesAreStoredValuesSignExtendedWhenSigned() throws Exception {
        short[] raw = {0x0FFF, 0x0800, 0x07FF, 5}; // 12-bit two's complement: -1, -2048, 2047, 5
        byte[] jpeg = new JpegLosslessEncoder(12).encode(raw, 2, 2);
        PixelFormat signed = new PixelFormat(2, 2, 1, 16, 12, true, false);
        assertArrayEquals(new int[] {-1, -2048, 2047, 5}, JpegLosslessDecoder.decodeFrame(jpeg, signed));
        PixelFormat wrongSize = new PixelFormat(2, 3, 1, 16, 12, false, false);
        assertEquals(
                Reason.INCONSISTENT_PIXEL_DATA,
                assertThrows(FrameDecodeException.class, () -> JpegLosslessDecoder.decodeFrame(jpeg, wrongSize))
                        .reason());
    }

    @Test
    void everyTruncationIsACorruptFrameNotACrash() {
        short[] frame = JpegLosslessEncoderTest.frames(12, 40, 30, 4, 3).get(3);
        byte[] jpeg = new JpegLosslessEncoder(12, 6, 0, 4).encode(frame, 40, 30);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int cut = 0; cut < jpeg.length - 2; cut++) { // without EOI alone the frame is whole
                byte[] part = Arrays.copyOf(jpeg, cut);
                FrameDecodeException e = assertThrows(
                        FrameDecodeException.class,
                        () -> JpegLosslessDecoder.decode(part),
                        "cut at " + cut + " of " + jpeg.length);
                assertEquals(Reason.CORRUPT_PIXEL_DATA, e.reason(), e.getMessage());
            }
        });
        FrameDecodeException e = assertThrows(
                FrameDecodeException.class, () -> JpegLosslessDecoder.decode(Arrays.copyOf(jpeg, jpeg.length * 3 / 4)));
        assertTrue(
                e.getMessage().contains("truncated") || e.getMessage().contains("restart intervals"), e.getMessage());
    }

    @Test
    void damagedBytesGiveACorruptFrameOrSomePixelsButNeverAnotherException() {
        short[] frame = JpegLosslessEncoderTest.frames(16, 32, 24, 2, 5).get(1);
        byte[] jpeg = new JpegLosslessEncoder(16, 7, 0, 6).encode(frame, 32, 24);
        SplittableRandom rnd = new SplittableRandom(42);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int failures = 0;
            for (int round = 0; round < 4000; round++) {
                byte[] bad = jpeg.clone();
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
                try {
                    JpegLosslessDecoder.Image img = JpegLosslessDecoder.decode(bad);
                    assertEquals(img.columns() * img.rows() * img.components(), img.samples().length);
                } catch (FrameDecodeException e) {
                    failures++;
                    assertTrue(e.getMessage().startsWith("JPEG lossless: "), e.getMessage());
                }
            }
            assertTrue(failures > 100, "damage is noticed (" + failures + " of 4000)");
        });
    }

    @Test
    void headersThatMakeNoSenseAreNamed() {
        byte[] good = new JpegLosslessEncoder(12).encode(new short[] {1, 2, 3, 4}, 2, 2);
        assertMessage(new byte[] {0, 1, 2, 3, 4}, "SOI");
        int sof = indexOf(good, 0xC3), sos = indexOf(good, 0xDA), dht = indexOf(good, 0xC4);
        byte[] p20 = good.clone();
        p20[sof + 4] = 20;
        assertMessage(p20, "precision of 20");
        byte[] sv0 = good.clone();
        sv0[sos + 7] = 0;
        assertMessage(sv0, "selection value 0");
        byte[] noTable = good.clone();
        noTable[sos + 6] = 0x20; // Td = 2
        assertMessage(noTable, "Huffman table 2");
        byte[] acTable = good.clone();
        acTable[dht + 4] = 0x10;
        assertMessage(acTable, "class 1");
        byte[] noSof = good.clone();
        noSof[sof + 1] = (byte) 0xFE; // the frame header becomes a comment
        assertMessage(noSof, "before the frame header");
        byte[] dct = good.clone();
        dct[sof + 1] = (byte) 0xC2;
        FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> JpegLosslessDecoder.decode(dct));
        assertEquals(Reason.UNSUPPORTED_PIXEL_FORMAT, e.reason());
        byte[] subsampled = good.clone();
        subsampled[sof + 11] = 0x21;
        assertEquals(
                Reason.UNSUPPORTED_PIXEL_FORMAT,
                assertThrows(FrameDecodeException.class, () -> JpegLosslessDecoder.decode(subsampled))
                        .reason());
    }

    @Test
    void aBaselineFrameUnderALosslessLabelGoesToImageIo() throws Exception {
        java.awt.image.BufferedImage bi =
                new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) bi.getRaster().setSample(x, y, 0, 100);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(bi, "jpeg", bytes);
        int[] v = JpegLosslessDecoder.decodeFrame(bytes.toByteArray(), new PixelFormat(8, 8, 1, 8, 8, false, false));
        for (int s : v) assertTrue(Math.abs(s - 100) <= 2, "baseline JPEG of a flat 100 decodes near 100: " + s);
    }

    private static void assertMessage(byte[] jpeg, String part) {
        FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> JpegLosslessDecoder.decode(jpeg));
        assertTrue(e.getMessage().contains(part), e.getMessage() + " should name " + part);
    }

    private static int indexOf(byte[] j, int marker) {
        int i = JpegLosslessEncoderTest.indexOfMarker(j, marker);
        assertTrue(i >= 0, "no marker FF" + Integer.toHexString(marker));
        return i;
    }
}
