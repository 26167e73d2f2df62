package org.fluorovault.dicom.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;

/**
 * Display of a grayscale frame: stored values through the Modality LUT (Rescale Slope and
 * Intercept), the VOI window (the one asked for, else the object's first Window Center/Width,
 * else the frame's minimum to maximum) and, for MONOCHROME1, inversion; to 8-bit gray.
 */
public final class FrameRenderer {
    private FrameRenderer() {}

    /** The window used when none is asked for: the object's, else the frame's range in modality values. */
    public static Window defaultWindow(Attributes ds, Frame frame) {
        double[] c = ds.getDoubles(Tags.WindowCenter), w = ds.getDoubles(Tags.WindowWidth);
        if (c.length > 0 && w.length > 0 && Double.isFinite(c[0]) && Double.isFinite(w[0]) && w[0] >= 1) {
            return new Window(c[0], w[0]);
        }
        double slope = slope(ds), intercept = intercept(ds);
        int[] mm = frame.minMax();
        double a = mm[0] * slope + intercept, b = mm[1] * slope + intercept;
        double lo = Math.min(a, b), hi = Math.max(a, b);
        return new Window((lo + hi + 1) / 2, Math.max(1, hi - lo + 1));
    }

    /** 8-bit gray image of the frame; {@code window} null for {@link #defaultWindow}. */
    public static BufferedImage render(Attributes ds, PixelFormat fmt, Frame frame, Window window) {
        Window w = window != null ? window : defaultWindow(ds, frame);
        double slope = slope(ds), intercept = intercept(ds);
        BufferedImage img = new BufferedImage(frame.columns(), frame.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int[] v = frame.values();
        // a lookup table over the stored range keeps this at one array access per pixel
        int min = fmt.minValue(), max = fmt.maxValue();
        byte[] lut = new byte[max - min + 1];
        for (int s = min; s <= max; s++) {
            int g = w.apply(s * slope + intercept);
            lut[s - min] = (byte) (fmt.monochrome1() ? 255 - g : g);
        }
        for (int i = 0; i < v.length; i++) out[i] = lut[Math.min(max, Math.max(min, v[i])) - min];
        return img;
    }

    /** Scaled to fit {@code maxSize} on its longer side (never enlarged). */
    public static BufferedImage thumbnail(BufferedImage img, int maxSize) {
        double f = Math.min(1.0, (double) maxSize / Math.max(img.getWidth(), img.getHeight()));
        int w = Math.max(1, (int) Math.round(img.getWidth() * f)),
                h = Math.max(1, (int) Math.round(img.getHeight() * f));
        BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = t.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return t;
    }

    /** PNG of the image: {@link PngEncoder} for 8-bit gray (what {@link #render} makes), else ImageIO. */
    public static byte[] png(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY
                && img.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte db
                && db.getNumBanks() == 1
                && db.getOffset() == 0
                && db.getData().length == img.getWidth() * img.getHeight()
                && img.getRaster().getParent() == null) {
            return PngEncoder.gray8(db.getData(), img.getWidth(), img.getHeight());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static double slope(Attributes ds) {
        double s = ds.getDouble(Tags.RescaleSlope, 1);
        return Double.isFinite(s) && s != 0 ? s : 1;
    }

    static double intercept(Attributes ds) {
        double i = ds.getDouble(Tags.RescaleIntercept, 0);
        return Double.isFinite(i) ? i : 0;
    }
}
