package org.fluorovault.analysis.internal;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import java.util.Arrays;
import java.util.List;
import org.fluorovault.dicom.image.Frame;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dicom.image.PixelFormat;

/**
 * A run as an ImageJ stack of 16-bit processors (time as frames), binned to a working size, stored
 * values minus the smallest possible one, not turned round: which direction is attenuation is decided
 * afterwards ({@link PolarityRule}). Frames are decoded
 * on all processors, a few at a time ({@link FrameWorkers}), and each is binned at once; only the
 * binned stack is kept.
 */
final class RunStack {
    /** Working images are at most about this many pixels on a side. */
    static final int WORKING_SIZE = 256;

    final ImagePlus image;
    final int bin;

    private RunStack(ImagePlus image, int bin) {
        this.image = image;
        this.bin = bin;
    }

    static RunStack load(FrameSource src) throws FrameDecodeException {
        PixelFormat fmt = src.format();
        int bin = Math.max(1, Math.round(Math.max(fmt.columns(), fmt.rows()) / (float) WORKING_SIZE));
        int w = fmt.columns() / bin, h = fmt.rows() / bin;
        List<short[]> frames = FrameWorkers.map(0, src.frameCount(), i -> binned(src.frame(i), fmt, bin, false));
        ImageStack stack = new ImageStack(w, h);
        for (int i = 0; i < frames.size(); i++)
            stack.addSlice("frame " + (i + 1), new ShortProcessor(w, h, frames.get(i), null));
        ImagePlus imp = new ImagePlus("run", stack);
        imp.setDimensions(1, 1, stack.getSize());
        return new RunStack(imp, bin);
    }

    /**
     * One decoded frame clamped to the stored range, oriented (MONOCHROME1 inverted) and averaged
     * over {@code bin x bin} blocks in one pass, so that no full-resolution copy is made. The values
     * are those of ImageJ's {@code ShortProcessor.bin(bin)} (float sum, rounded half up; the
     * remainder rows and columns dropped), which RunStackTest checks.
     */
    static short[] binned(Frame f, PixelFormat fmt, int bin) {
        return binned(f, fmt, bin, fmt.monochrome1());
    }

    /** As {@link #binned(Frame, PixelFormat, int)}, turned round ({@code max - s}) when {@code invert}. */
    static short[] binned(Frame f, PixelFormat fmt, int bin, boolean invert) {
        int cols = f.columns(), w = cols / bin, h = f.rows() / bin;
        int min = fmt.minValue(), max = fmt.maxValue();
        // oriented value = sign * clamped + offset: s - min, or max - s for MONOCHROME1
        int sign = invert ? -1 : 1, offset = invert ? max : -min;
        int[] v = f.values();
        short[] out = new short[w * h];
        float[] sums = new float[w];
        int n = bin * bin;
        for (int y = 0; y < h; y++) {
            Arrays.fill(sums, 0f);
            // line by line through the block, each block's samples added in the same order as before
            for (int y2 = 0; y2 < bin; y2++) {
                int row = (y * bin + y2) * cols;
                for (int x = 0, i = row; x < w; x++) {
                    float sum = sums[x];
                    for (int x2 = 0; x2 < bin; x2++, i++) sum += sign * Math.min(max, Math.max(min, v[i])) + offset;
                    sums[x] = sum;
                }
            }
            for (int x = 0; x < w; x++) out[y * w + x] = (short) (int) (sums[x] / n + 0.5f);
        }
        return out;
    }

    int frames() {
        return image.getStackSize();
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    /** Frame {@code i} (0-based) as floats. */
    FloatProcessor floatFrame(int i) {
        short[] px = (short[]) image.getStack().getPixels(i + 1);
        float[] out = new float[px.length];
        for (int k = 0; k < px.length; k++) out[k] = px[k] & 0xffff;
        return new FloatProcessor(width(), height(), out);
    }
}
