package org.fluorovault.analysis;

import java.awt.image.BufferedImage;

import org.fluorovault.analysis.internal.StoredFrames;
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

    ImageController(StoredFrames frames) { this.frames = frames; }

    @GetMapping(value = "/frames/{n}/rendered", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> rendered(@PathVariable String sopInstanceUid, @PathVariable String n,
                                    @RequestParam(required = false) String window) throws FrameDecodeException {
        int number;
        try {
            number = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frame number must be a positive integer: " + n);
        }
        if (number < 1) throw new IllegalArgumentException("frame numbers start at 1: " + n);
        Window w = window == null || window.isBlank() ? null : Window.parse(window);
        FrameSource src = open(sopInstanceUid);
        Frame f = src.frame(number - 1);
        return png(FrameRenderer.render(src.attributes(), src.format(), f, w));
    }

    @GetMapping(value = "/thumbnail", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> thumbnail(@PathVariable String sopInstanceUid) throws FrameDecodeException {
        FrameSource src = open(sopInstanceUid);
        Frame f = src.frame(src.frameCount() / 2);
        return png(FrameRenderer.thumbnail(FrameRenderer.render(src.attributes(), src.format(), f, null), THUMBNAIL_SIZE));
    }

    private FrameSource open(String uid) throws FrameDecodeException {
        return frames.open(uid).orElseThrow(() -> new InstanceNotFoundException(uid));
    }

    private static ResponseEntity<byte[]> png(BufferedImage img) {
        return ResponseEntity.status(HttpStatus.OK).contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noCache()).body(FrameRenderer.png(img));
    }
}
