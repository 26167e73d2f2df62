package org.fluorovault.analysis;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import org.fluorovault.analysis.internal.ContrastAnalyzer;
import org.fluorovault.analysis.internal.StoredFrames;
import org.fluorovault.archive.InstanceNotFoundException;
import org.fluorovault.common.InvalidRequestException;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.image.Frame;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameRenderer;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dicom.image.Window;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rendered frames (PNG) of stored grayscale objects: Modality LUT, VOI window (asked for, else the
 * object's, else min/max), MONOCHROME1 inverted. Frame numbers are 1-based as in DICOM.
 */
@RestController
@RequestMapping("/api/instances/{sopInstanceUid}")
class ImageController {
    static final int THUMBNAIL_SIZE = 128;
    private final StoredFrames frames;
    private final AnalysisService analysis;

    ImageController(StoredFrames frames, AnalysisService analysis) {
        this.frames = frames;
        this.analysis = analysis;
    }

    private static Window window(String window) {
        if (window == null || window.isBlank()) return null;
        try {
            return Window.parse(window);
        } catch (IllegalArgumentException e) { // the toolkit's parse error says what is wrong with the value
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /**
     * What a cine player needs before the first frame: frame count, size, the acquisition's frame
     * time in ms (Frame Time, else the first Frame Time Vector step, else Cine Rate, else null) and the
     * object's window (null when absent), the patient-plane pixel size the analysis measures with,
     * Bits Stored, and the window the first frame is rendered with when none is asked for (the
     * object's, else that frame's range, in modality values): a player that changes the window
     * starts from it.
     */
    record FrameInfo(
            int frames,
            int rows,
            int columns,
            Double frameTimeMs,
            Double windowCenter,
            Double windowWidth,
            double pixelSpacingMm,
            int bitsStored,
            double renderWindowCenter,
            double renderWindowWidth,
            ContrastAnalysis.Polarity polarity,
            String polaritySource,
            boolean displayInverted) {}

    @GetMapping(value = "/frames", produces = MediaType.APPLICATION_JSON_VALUE)
    FrameInfo frameInfo(@PathVariable String sopInstanceUid) throws FrameDecodeException {
        FrameSource src = open(sopInstanceUid);
        Attributes a = src.attributes();
        Window render = FrameRenderer.defaultWindow(a, src.frame(0));
        var pol = analysis.displayPolarity(sopInstanceUid, a);
        return new FrameInfo(
                src.frameCount(),
                a.getInt(Tags.Rows, 0),
                a.getInt(Tags.Columns, 0),
                frameTime(a),
                positive(a.getDouble(Tags.WindowCenter, Double.NaN), true),
                positive(a.getDouble(Tags.WindowWidth, Double.NaN), false),
                ContrastAnalyzer.pixelSpacingMm(a, new ArrayList<>()),
                a.getInt(Tags.BitsStored, 8),
                render.center(),
                render.width(),
                pol.polarity(),
                pol.station(),
                inverted(src, pol.polarity()));
    }

    private static Double frameTime(Attributes a) {
        double ft = a.getDouble(Tags.FrameTime, Double.NaN);
        if (ft > 0) return ft;
        double[] vector = a.getDoubles(Tags.FrameTimeVector);
        if (vector != null && vector.length > 1 && vector[1] > 0) return vector[1];
        double rate = a.getDouble(Tags.CineRate, Double.NaN);
        return rate > 0 ? 1000.0 / rate : null;
    }

    private static Double positive(double v, boolean anyFinite) {
        return Double.isFinite(v) && (anyFinite || v > 0) ? v : null;
    }

    @GetMapping(value = "/frames/{n}/rendered", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> rendered(
            @PathVariable String sopInstanceUid, @PathVariable String n, @RequestParam(required = false) String window)
            throws FrameDecodeException {
        int number;
        try {
            number = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("frame number must be a positive integer: " + n);
        }
        if (number < 1) throw new InvalidRequestException("frame numbers start at 1: " + n);
        Window w = window(window);
        FrameSource src = open(sopInstanceUid);
        Frame f = src.frame(number - 1);
        return png(shown(sopInstanceUid, src, FrameRenderer.render(src.attributes(), src.format(), f, w)));
    }

    /**
     * Attenuation is shown bright, as the analysis measures it: a frame whose own display would show
     * it dark (lower values attenuation in MONOCHROME2, higher in MONOCHROME1) is turned round, by the
     * same polarity decision the analysis made (issue 11). Undecided: as the object says.
     */
    private static boolean inverted(FrameSource src, ContrastAnalysis.Polarity p) {
        boolean m1 = src.format().monochrome1();
        return (p == ContrastAnalysis.Polarity.LOW_IS_ATTENUATION && !m1)
                || (p == ContrastAnalysis.Polarity.HIGH_IS_ATTENUATION && m1);
    }

    private BufferedImage shown(String uid, FrameSource src, BufferedImage img) {
        if (!inverted(src, analysis.displayPolarity(uid, src.attributes()).polarity())) return img;
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) px[i] = (byte) (255 - (px[i] & 0xff));
        return img;
    }

    @GetMapping(value = "/thumbnail", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> thumbnail(@PathVariable String sopInstanceUid) throws FrameDecodeException {
        FrameSource src = open(sopInstanceUid);
        Frame f = src.frame(src.frameCount() / 2);
        return png(FrameRenderer.thumbnail(
                shown(sopInstanceUid, src, FrameRenderer.render(src.attributes(), src.format(), f, null)),
                THUMBNAIL_SIZE));
    }

    private FrameSource open(String uid) throws FrameDecodeException {
        return frames.open(uid).orElseThrow(() -> new InstanceNotFoundException(uid));
    }

    private static ResponseEntity<byte[]> png(BufferedImage img) {
        return ResponseEntity.status(HttpStatus.OK)
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noCache())
                .body(FrameRenderer.png(img));
    }
}
