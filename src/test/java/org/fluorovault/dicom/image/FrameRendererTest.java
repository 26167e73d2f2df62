package org.fluorovault.dicom.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.junit.jupiter.api.Test;

class FrameRendererTest {
    private static final PixelFormat U12 = new PixelFormat(1, 4, 1, 16, 12, false, false);
    private static final Frame RAMP = new Frame(0, 4, 1, new int[] {0, 1000, 2000, 4095});

    private static int[] gray(BufferedImage img) {
        return img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (int[]) null);
    }

    @Test
    void withoutAnyWindowTheFrameRangeIsUsed() {
        int[] g = gray(FrameRenderer.render(new Attributes(), U12, RAMP, null));
        assertEquals(0, g[0]);
        assertEquals(255, g[3]);
        assertEquals(62, g[1], 1);
    }

    @Test
    void theObjectsWindowAppliesWhenNoneIsAskedFor() {
        Attributes ds = new Attributes();
        ds.setString(Tags.WindowCenter, VR.DS, "1000");
        ds.setString(Tags.WindowWidth, VR.DS, "2");
        int[] g = gray(FrameRenderer.render(ds, U12, RAMP, null));
        assertEquals(0, g[0]);
        assertEquals(255, g[2]);
    }

    @Test
    void requestedWindowOverridesAndRescaleIsAppliedFirst() {
        Attributes ds = new Attributes();
        ds.setString(Tags.RescaleSlope, VR.DS, "2");
        ds.setString(Tags.RescaleIntercept, VR.DS, "-1000");
        // modality values -1000, 1000, 3000, 7190; window 1000 +- 1000
        int[] g = gray(FrameRenderer.render(ds, U12, RAMP, new Window(1000, 2000)));
        assertEquals(0, g[0]);
        assertEquals(128, g[1], 1);
        assertEquals(255, g[2]);
    }

    @Test
    void monochrome1IsInverted() {
        PixelFormat m1 = new PixelFormat(1, 4, 1, 16, 12, false, true);
        int[] g = gray(FrameRenderer.render(new Attributes(), m1, RAMP, new Window(2048, 4096)));
        assertEquals(255, g[0], 1);
        assertEquals(0, g[3], 1);
    }

    @Test
    void pngRoundTripsAndThumbnailsShrink() throws Exception {
        BufferedImage img = new BufferedImage(512, 256, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage t = FrameRenderer.thumbnail(img, 128);
        assertEquals(128, t.getWidth());
        assertEquals(64, t.getHeight());
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(FrameRenderer.png(t)));
        assertEquals(128, back.getWidth());
    }

    @Test
    void windowTextIsValidated() {
        assertEquals(new Window(40, 400), Window.parse("40,400"));
        assertThrows(IllegalArgumentException.class, () -> Window.parse("40"));
        assertThrows(IllegalArgumentException.class, () -> Window.parse("a,b"));
        assertThrows(IllegalArgumentException.class, () -> Window.parse("40,0"));
    }
}
