package org.fluorovault.analysis.internal;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

import org.fluorovault.dicom.image.Frame;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dicom.image.PixelFormat;

/**
 * A run as an ImageJ stack of 16-bit processors (time as frames), binned to a working size and
 * oriented so that more attenuation is a higher value (MONOCHROME1 inverted). Frames are decoded
 * one at a time; only the binned stack is kept.
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
        ImageStack stack = null;
        int min = fmt.minValue(), max = fmt.maxValue();
        for (int i = 0; i < src.frameCount(); i++) {
            Frame f = src.frame(i);
            short[] px = new short[f.values().length];
            int[] v = f.values();
            for (int k = 0; k < v.length; k++) {
                int s = Math.min(max, Math.max(min, v[k]));
                px[k] = (short) (fmt.monochrome1() ? max - s : s - min);
            }
            ShortProcessor sp = new ShortProcessor(f.columns(), f.rows(), px, null);
            ShortProcessor binned = bin == 1 ? sp : (ShortProcessor) sp.bin(bin);
            if (stack == null) stack = new ImageStack(binned.getWidth(), binned.getHeight());
            stack.addSlice("frame " + (i + 1), binned);
        }
        ImagePlus imp = new ImagePlus("run", stack);
        imp.setDimensions(1, 1, stack.getSize());
        return new RunStack(imp, bin);
    }

    int frames() { return image.getStackSize(); }

    int width() { return image.getWidth(); }

    int height() { return image.getHeight(); }

    /** Frame {@code i} (0-based) as floats. */
    FloatProcessor floatFrame(int i) {
        return image.getStack().getProcessor(i + 1).convertToFloatProcessor();
    }
}
