package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    private static byte[] pixelsOf(BufferedImage img) {
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }

    @Test
    void imageIoReadsBackTheSamePixelsAtAnySize() throws Exception {
        Random r = new Random(7);
        int[][] sizes = {{1, 1}, {2, 1}, {1, 3}, {3, 2}, {513, 7}, {512, 512}};
        for (int[] s : sizes) {
            byte[] px = new byte[s[0] * s[1]];
            for (int i = 0; i < px.length; i++) px[i] = (byte) (i % 3 == 0 ? r.nextInt(256) : (i * 7) & 0xff);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.gray8(px, s[0], s[1])));
            assertEquals(s[0], back.getWidth(), "width of " + s[0] + "x" + s[1]);
            assertEquals(s[1], back.getHeight(), "height of " + s[0] + "x" + s[1]);
            assertArrayEquals(px, pixelsOf(back), "pixels of " + s[0] + "x" + s[1]);
        }
    }

    /** The file's structure checked against the PNG specification with the JDK's CRC-32 and inflater. */
    @Test
    void chunksCarryValidCrcsAndTheDataInflatesToFilteredRows() throws Exception {
        int w = 5, h = 4;
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 13);
        ByteBuffer b = ByteBuffer.wrap(PngEncoder.gray8(px, w, h));
        byte[] sig = new byte[8];
        b.get(sig);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, sig);
        List<String> types = new ArrayList<>();
        byte[] idat = null;
        while (b.hasRemaining()) {
            int len = b.getInt();
            byte[] typeAndData = new byte[4 + len];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertEquals((int) crc.getValue(), b.getInt(), "CRC of a chunk");
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            types.add(type);
            if (type.equals("IHDR")) {
                ByteBuffer ih = ByteBuffer.wrap(typeAndData, 4, len);
                assertEquals(w, ih.getInt());
                assertEquals(h, ih.getInt());
                assertEquals(8, ih.get()); // bit depth
                assertEquals(0, ih.get()); // gray
            }
            if (type.equals("IDAT")) idat = java.util.Arrays.copyOfRange(typeAndData, 4, 4 + len);
        }
        assertEquals(List.of("IHDR", "IDAT", "IEND"), types);
        Inflater inf = new Inflater();
        inf.setInput(idat);
        byte[] rows = new byte[(w + 1) * h + 1];
        int n = inf.inflate(rows);
        assertTrue(inf.finished());
        assertEquals((w + 1) * h, n);
        for (int y = 0; y < h; y++) {
            assertEquals(1, rows[y * (w + 1)], "Sub filter on row " + y);
            int prev = 0;
            for (int x = 0; x < w; x++) {
                prev = (prev + rows[y * (w + 1) + 1 + x]) & 0xff;
                assertEquals(px[y * w + x] & 0xff, prev, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void sizesThatDoNotFitThePixelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.gray8(new byte[6], 4, 2));
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.gray8(new byte[0], 0, 0));
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.gray8(new byte[2], -1, -2));
    }

    @Test
    void imagesOtherThanEightBitGrayStillBecomePngThroughImageIo() throws Exception {
        BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 1, 0x336699);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(FrameRenderer.png(rgb)));
        assertEquals(0x336699, back.getRGB(1, 1) & 0xffffff);
        BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        pixelsOf(gray)[5] = (byte) 200;
        BufferedImage sub = gray.getSubimage(1, 1, 2, 2); // shares the parent's raster: not a plain buffer
        BufferedImage subBack = ImageIO.read(new ByteArrayInputStream(FrameRenderer.png(sub)));
        assertEquals(200, subBack.getRaster().getSample(0, 0, 0));
        BufferedImage grayBack = ImageIO.read(new ByteArrayInputStream(FrameRenderer.png(gray)));
        assertArrayEquals(pixelsOf(gray), pixelsOf(grayBack));
    }
}
