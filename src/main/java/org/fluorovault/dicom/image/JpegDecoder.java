package org.fluorovault.dicom.image;

import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.fluorovault.dicom.image.FrameDecodeException.Reason;

/**
 * JPEG frames through ImageIO: baseline and extended (FrameSource sends lossless frames to
 * {@link JpegLosslessDecoder}). The TwelveMonkeys reader is preferred when installed; it also
 * reads lossless (process 14), which the tests use as an independent reference.
 */
final class JpegDecoder {
    private JpegDecoder() {}

    static int[] decode(byte[] jpeg, PixelFormat fmt) throws IOException, FrameDecodeException {
        ImageReader reader = reader();
        try (ImageInputStream iis = new ByteArrayImageInput(jpeg)) {
            reader.setInput(iis, true, true);
            Raster r;
            try {
                r = reader.readRaster(0, null);
            } catch (IIOException e) {
                // the JDK's DCT decoder (used by TwelveMonkeys for lossy JPEG) handles 8-bit samples only
                if (String.valueOf(e.getMessage()).contains("precision")) {
                    throw new FrameDecodeException(
                            Reason.UNSUPPORTED_PIXEL_FORMAT,
                            "lossy JPEG with more than 8 bits per"
                                    + " sample (12-bit extended, process 4) is not supported for analysis: "
                                    + e.getMessage(),
                            e);
                }
                throw e;
            }
            if (r.getWidth() != fmt.columns() || r.getHeight() != fmt.rows()) {
                throw new IOException("JPEG frame is " + r.getWidth() + " x " + r.getHeight() + ", the object says "
                        + fmt.columns() + " x " + fmt.rows());
            }
            if (r.getNumBands() != 1)
                throw new IOException("JPEG frame has " + r.getNumBands() + " components, 1 expected");
            int[] v = r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 0, (int[]) null);
            for (int i = 0; i < v.length; i++) v[i] = fmt.storedValue(v[i]);
            return v;
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader() throws IOException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.twelvemonkeys.")) {
                if (fallback != null) fallback.dispose();
                return r;
            }
            if (fallback == null) fallback = r;
            else r.dispose();
        }
        if (fallback == null) throw new IOException("no ImageIO JPEG reader installed");
        return fallback;
    }
}
