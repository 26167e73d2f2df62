package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.image.FrameDecodeException.Reason;
import org.fluorovault.support.TestDicom;
import org.fluorovault.tools.samples.LumbarPhantom.Photometric;
import org.fluorovault.tools.samples.PhantomRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSourceTest {
    @TempDir
    Path dir;

    static int[] expected(PhantomRun run, int frame, int shift) {
        short[] s = run.frame(frame);
        int[] v = new int[s.length];
        for (int i = 0; i < s.length; i++) v[i] = (s[i] & 0xffff) >> shift;
        return v;
    }

    @Test
    void nativeMultiFrame16BitIsDecodedFrameByFrameFromDisk() throws Exception {
        PhantomRun run = PhantomFiles.run(128, 4, Photometric.MONOCHROME2);
        FrameSource src = FrameSource.open(PhantomFiles.write(dir, "n16.dcm", PhantomFiles.native16(run)));
        assertEquals(4, src.frameCount());
        for (int f = 0; f < 4; f++)
            assertArrayEquals(expected(run, f, 0), src.frame(f).values(), "frame " + f);
    }

    @Test
    void native8BitAndMonochrome1() throws Exception {
        PhantomRun run = PhantomFiles.run(64, 3, Photometric.MONOCHROME1);
        FrameSource src = FrameSource.open(PhantomFiles.write(dir, "n8.dcm", PhantomFiles.native8(run)));
        assertTrue(src.format().monochrome1());
        assertArrayEquals(expected(run, 2, 4), src.frame(2).values());
    }

    @Test
    void signedPixelsAreSignExtendedFromBitsStored() throws Exception {
        Attributes a = TestDicom.xa("P", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), 1, 2);
        a.setInt(Tags.PixelRepresentation, VR.US, 1);
        // 12-bit two's complement: -1 (0x0FFF), -2048 (0x0800), 2047 (0x07FF), 5; high bits set to noise
        a.setBytes(Tag.PixelData, VR.OW, new byte[] {
            (byte) 0xFF, (byte) 0xFF, 0x00, 0x08, (byte) 0xFF, 0x07, 5, (byte) 0xF0
        });
        FrameSource src = FrameSource.open(PhantomFiles.write(dir, "signed.dcm", a));
        assertArrayEquals(new int[] {-1, -2048, 2047, 5}, src.frame(0).values());
    }

    @Test
    void jpegLosslessSampleFromTheRepository() throws Exception {
        FrameSource src = FrameSource.open(Path.of("dicom-samples/lumbar-lateral-epidural-jpegll.dcm"));
        FrameSource ref = FrameSource.open(Path.of("dicom-samples/lumbar-ap-epidural.dcm"));
        Frame last = src.frame(src.frameCount() - 1);
        assertEquals(src.format().columns() * src.format().rows(), last.values().length);
        int[] mm = last.minMax();
        assertTrue(mm[0] >= 0 && mm[1] <= 4095 && mm[1] > mm[0], "12-bit range");
        assertTrue(ref.frameCount() > 1 && src.frameCount() > 1, "multi-frame samples");
    }

    @Test
    void ownJpegLosslessEncoderRoundTripsExactly() throws Exception {
        PhantomRun run = PhantomFiles.run(96, 3, Photometric.MONOCHROME2);
        Attributes a = PhantomFiles.native16(run);
        JpegLosslessEncoder enc = new JpegLosslessEncoder(12);
        a.put(
                Tag.PixelData,
                VR.OB,
                Encapsulation.oneFragmentPerFrame(List.of(
                        enc.encode(run.frame(0), 96, 96),
                        enc.encode(run.frame(1), 96, 96),
                        enc.encode(run.frame(2), 96, 96))));
        Path f = TestDicom.write(dir.resolve("jll.dcm"), a, "1.2.840.10008.1.2.4.70");
        FrameSource src = FrameSource.open(f);
        for (int i = 0; i < 3; i++)
            assertArrayEquals(expected(run, i, 0), src.frame(i).values());
    }

    @Test
    void frameOutOfRangeIsATypedError() throws Exception {
        PhantomRun run = PhantomFiles.run(64, 2, Photometric.MONOCHROME2);
        FrameSource src = FrameSource.open(PhantomFiles.write(dir, "r.dcm", PhantomFiles.native16(run)));
        FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> src.frame(2));
        assertEquals(Reason.FRAME_OUT_OF_RANGE, e.reason());
        assertTrue(e.getMessage().contains("2 frame(s)"), e.getMessage());
        assertEquals(
                Reason.FRAME_OUT_OF_RANGE,
                assertThrows(FrameDecodeException.class, () -> src.frame(-1)).reason());
    }

    @Test
    void zeroSizeAndShortPixelDataAreRefused() throws Exception {
        Attributes a = TestDicom.xa("P", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), 3, 16);
        a.setBytes(Tag.PixelData, VR.OW, new byte[0]);
        Path empty = PhantomFiles.write(dir, "empty.dcm", a);
        FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> FrameSource.open(empty));
        assertEquals(Reason.INCONSISTENT_PIXEL_DATA, e.reason());

        a.setBytes(Tag.PixelData, VR.OW, new byte[16 * 16 * 2 * 2]); // two frames' worth for three frames
        Path shortOne = PhantomFiles.write(dir, "short.dcm", a);
        e = assertThrows(FrameDecodeException.class, () -> FrameSource.open(shortOne));
        assertEquals(Reason.INCONSISTENT_PIXEL_DATA, e.reason());
        assertTrue(e.getMessage().contains("16 x 16 x 3"), e.getMessage());

        a.remove(Tag.PixelData);
        Path none = PhantomFiles.write(dir, "none.dcm", a);
        assertEquals(
                Reason.INCONSISTENT_PIXEL_DATA,
                assertThrows(FrameDecodeException.class, () -> FrameSource.open(none))
                        .reason());
    }

    @Test
    void jpegLsJpeg2000AndVideoAreNotSupportedForAnalysis() throws Exception {
        for (String ts : List.of("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.102")) {
            Attributes a = TestDicom.xa("P", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), 1, 16);
            Fragments fr = new Fragments(VR.OB);
            fr.add(new byte[0]);
            fr.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
            a.put(Tag.PixelData, VR.OB, fr);
            Path f = TestDicom.write(dir.resolve(ts + ".dcm"), a, ts);
            FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> FrameSource.open(f));
            assertEquals(Reason.UNSUPPORTED_TRANSFER_SYNTAX, e.reason());
            assertTrue(e.getMessage().contains("not supported for analysis"), e.getMessage());
        }
    }

    @Test
    void colourIsNotSupportedForAnalysis() throws Exception {
        Attributes a = TestDicom.xa("P", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), 1, 4);
        a.setInt(Tags.SamplesPerPixel, VR.US, 3);
        a.setString(Tags.PhotometricInterpretation, VR.CS, "RGB");
        Path f = PhantomFiles.write(dir, "rgb.dcm", a);
        assertEquals(
                Reason.UNSUPPORTED_PIXEL_FORMAT,
                assertThrows(FrameDecodeException.class, () -> FrameSource.open(f))
                        .reason());
    }

    @Test
    void damagedCompressedFrameIsATypedErrorNotACrash() throws Exception {
        Attributes a = TestDicom.xa("P", TestDicom.uid(), TestDicom.uid(), TestDicom.uid(), 1, 16);
        Fragments fr = new Fragments(VR.OB);
        fr.add(new byte[0]);
        fr.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4});
        a.put(Tag.PixelData, VR.OB, fr);
        Path jpeg = TestDicom.write(dir.resolve("badjpeg.dcm"), a, "1.2.840.10008.1.2.4.70");
        assertEquals(
                Reason.CORRUPT_PIXEL_DATA,
                assertThrows(
                                FrameDecodeException.class,
                                () -> FrameSource.open(jpeg).frame(0))
                        .reason());
        Path rle = TestDicom.write(dir.resolve("badrle.dcm"), a, "1.2.840.10008.1.2.5");
        assertEquals(
                Reason.CORRUPT_PIXEL_DATA,
                assertThrows(
                                FrameDecodeException.class,
                                () -> FrameSource.open(rle).frame(0))
                        .reason());
        assertTrue(Files.exists(rle));
    }

    @Test
    void aTruncatedJpegLosslessFrameNamesTheFrameAndTheLineWhileTheOthersDecode() throws Exception {
        PhantomRun run = PhantomFiles.run(64, 3, Photometric.MONOCHROME2);
        Attributes a = PhantomFiles.native16(run);
        JpegLosslessEncoder enc = new JpegLosslessEncoder(12, 6, 0, 0);
        byte[] second = enc.encode(run.frame(1), 64, 64);
        a.put(
                Tag.PixelData,
                VR.OB,
                Encapsulation.oneFragmentPerFrame(List.of(
                        enc.encode(run.frame(0), 64, 64),
                        java.util.Arrays.copyOf(second, second.length / 2),
                        enc.encode(run.frame(2), 64, 64))));
        FrameSource src = FrameSource.open(TestDicom.write(dir.resolve("cut.dcm"), a, enc.transferSyntaxUid()));
        assertArrayEquals(expected(run, 0, 0), src.frame(0).values());
        assertArrayEquals(expected(run, 2, 0), src.frame(2).values());
        FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> src.frame(1));
        assertEquals(Reason.CORRUPT_PIXEL_DATA, e.reason());
        assertTrue(e.getMessage().startsWith("frame 2: JPEG lossless: the data ends in line "), e.getMessage());
        assertTrue(e.getMessage().endsWith("of 64 (truncated frame)"), e.getMessage());
    }

    @Test
    void packBitsRuns() {
        byte[] in = {2, 'a', 'b', 'c', -3, 'z', (byte) -128, 0, 'q'};
        assertArrayEquals("abczzzzq".getBytes(), RleDecoder.unpack(in, 0, in.length, 8));
    }
}
