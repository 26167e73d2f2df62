package org.fluorovault.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.support.ArchiveTestBase;
import org.fluorovault.support.TestDicom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Rendered frames and thumbnails of objects received over DICOM, and the answers for bad requests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageEndpointsTest extends ArchiveTestBase {
    private final String xa = TestDicom.uid();
    private final String m1 = TestDicom.uid();

    @BeforeAll
    void receive(@TempDir Path dir) throws Exception {
        Attributes a = TestDicom.xa("IMG-1", TestDicom.uid(), TestDicom.uid(), xa, 3, 64);
        Attributes b = TestDicom.xa("IMG-1", TestDicom.uid(), TestDicom.uid(), m1, 1, 64);
        b.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME1");
        sendAll(
                TestDicom.write(dir.resolve("a.dcm"), a, TransferSyntax.EXPLICIT_VR_LE),
                TestDicom.write(dir.resolve("b.dcm"), b, TransferSyntax.EXPLICIT_VR_LE));
    }

    private static BufferedImage png(HttpResponse<byte[]> r) throws Exception {
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void rendersAFrameAsPngWithTheRequestedWindow() throws Exception {
        BufferedImage img =
                png(getAsAdmin("/api/instances/" + xa + "/frames/3/rendered?window=2048,4096", "image/png"));
        assertEquals(64, img.getWidth());
        // TestDicom pixel i has value (i*7 + i/size) & 0xfff; frame 3 starts at i = 2*64*64
        int i = 2 * 64 * 64 + 5;
        int v = (i * 7 + i / 64) & 0xfff;
        assertEquals(Math.round((v + 0.5) / 4095.0 * 255), img.getRaster().getSample(5, 0, 0), 1.0);
    }

    @Test
    void monochrome1IsShownInverted() throws Exception {
        BufferedImage img = png(getAsAdmin("/api/instances/" + m1 + "/frames/1/rendered?window=2048,4096", null));
        int v = 7; // pixel 1
        assertEquals(255 - Math.round((v + 0.5) / 4095.0 * 255), img.getRaster().getSample(1, 0, 0), 1.0);
    }

    @Test
    void frameInfoGivesTheCinePlayerCountSizeFrameTimeAndPatientPlanePixelSize() throws Exception {
        HttpResponse<byte[]> r = getAsAdmin("/api/instances/" + xa + "/frames", "application/json");
        assertEquals(200, r.statusCode(), text(r));
        var info = new tools.jackson.databind.ObjectMapper().readTree(r.body());
        assertEquals(3, info.get("frames").asInt());
        assertEquals(64, info.get("rows").asInt());
        assertEquals(64, info.get("columns").asInt());
        assertEquals(66.7, info.get("frameTimeMs").asDouble(), 1e-9);
        assertTrue(info.get("windowCenter").isNull());
        assertEquals(12, info.get("bitsStored").asInt());
        // no window in the object: the first frame is rendered with its own range, which the player starts from
        assertTrue(info.get("renderWindowWidth").asDouble() >= 1, info.toString());
        BufferedImage asked = png(getAsAdmin(
                "/api/instances/" + xa + "/frames/1/rendered?window="
                        + info.get("renderWindowCenter").asDouble() + ","
                        + info.get("renderWindowWidth").asDouble(),
                null));
        BufferedImage plain = png(getAsAdmin("/api/instances/" + xa + "/frames/1/rendered", null));
        for (int y = 0; y < 64; y += 7)
            for (int x = 0; x < 64; x += 7) {
                assertEquals(
                        plain.getRaster().getSample(x, y, 0),
                        asked.getRaster().getSample(x, y, 0),
                        "the same window, the same pixels");
            }
        // Imager Pixel Spacing 0.3 mm at the detector, SID 1000 / SOD 750
        assertEquals(0.225, info.get("pixelSpacingMm").asDouble(), 1e-9);
        assertEquals(
                404,
                getAsAdmin("/api/instances/1.2.3.404/frames", "application/json")
                        .statusCode());
    }

    @Test
    void thumbnailIsASmallPngOfTheMiddleFrame() throws Exception {
        BufferedImage img = png(getAsAdmin("/api/instances/" + xa + "/thumbnail", "image/png"));
        assertTrue(img.getWidth() <= 128 && img.getWidth() > 0);
    }

    @Test
    void badRequestsSayWhy() throws Exception {
        HttpResponse<byte[]> r = getAsAdmin("/api/instances/1.2.3.999/frames/1/rendered", "image/png");
        assertEquals(404, r.statusCode());
        r = getAsAdmin("/api/instances/" + xa + "/frames/4/rendered", "image/png");
        assertEquals(400, r.statusCode());
        assertTrue(text(r).contains("3 frame(s)"), text(r));
        r = getAsAdmin("/api/instances/" + xa + "/frames/0/rendered", "image/png");
        assertEquals(400, r.statusCode());
        r = getAsAdmin("/api/instances/" + xa + "/frames/x/rendered", "image/png");
        assertEquals(400, r.statusCode());
        r = getAsAdmin("/api/instances/" + xa + "/frames/1/rendered?window=10", "image/png");
        assertEquals(400, r.statusCode());
        assertTrue(text(r).contains("center,width"), text(r));
    }

    @Test
    void unsupportedTransferSyntaxIsA422ThatSaysSo(@TempDir Path dir) throws Exception {
        String uid = TestDicom.uid();
        Attributes a = TestDicom.xa("IMG-2", TestDicom.uid(), TestDicom.uid(), uid, 1, 16);
        Fragments fr = new Fragments(VR.OB);
        fr.add(new byte[0]);
        fr.add(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51});
        a.put(Tag.PixelData, VR.OB, fr);
        Path f = TestDicom.write(dir.resolve("j2k.dcm"), a, "1.2.840.10008.1.2.4.90");
        sendAll(f); // the node archives JPEG 2000 as received
        HttpResponse<byte[]> r = getAsAdmin("/api/instances/" + uid + "/frames/1/rendered", "image/png");
        assertEquals(422, r.statusCode());
        assertTrue(text(r).contains("JPEG 2000") && text(r).contains("not supported for analysis"), text(r));
    }

    @Test
    void needsAnAuthenticatedUser() throws Exception {
        assertEquals(
                401,
                get("/api/instances/" + xa + "/thumbnail", null, null, null).statusCode());
        assertEquals(
                401,
                get("/api/instances/" + xa + "/frames/1/rendered", "admin", "wrong", null)
                        .statusCode());
        // a browser asking for an image is sent to the login page instead
        assertEquals(
                302,
                get("/api/instances/" + xa + "/thumbnail", null, null, "image/png")
                        .statusCode());
    }
}
