package org.fluorovault.dicom.image;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.image.FrameDecodeException.Reason;

/**
 * The Image Pixel module of a grayscale object (PS3.3 C.7.6.3) as far as decoding needs it.
 *
 * @param rows Rows (0028,0010)
 * @param columns Columns (0028,0011)
 * @param frames Number of Frames (0028,0008), 1 when absent
 * @param bitsAllocated 8 or 16
 * @param bitsStored 1..bitsAllocated
 * @param signed Pixel Representation 1
 * @param monochrome1 MONOCHROME1 (minimum value is white)
 */
public record PixelFormat(
        int rows, int columns, int frames, int bitsAllocated, int bitsStored, boolean signed, boolean monochrome1) {
    /** Largest frame accepted (pixels), so that lying attributes cannot allocate gigabytes. */
    public static final long MAX_FRAME_PIXELS = 8192L * 8192L;

    /** Reads and checks the pixel module. */
    public static PixelFormat of(Attributes ds) throws FrameDecodeException {
        int rows = ds.getInt(Tags.Rows, 0), columns = ds.getInt(Tags.Columns, 0);
        int frames = ds.getInt(Tags.NumberOfFrames, 1);
        int spp = ds.getInt(Tags.SamplesPerPixel, 1);
        int allocated = ds.getInt(Tags.BitsAllocated, 0);
        int stored = ds.getInt(Tags.BitsStored, allocated);
        int representation = ds.getInt(Tags.PixelRepresentation, 0);
        String photometric =
                ds.getString(Tags.PhotometricInterpretation, "MONOCHROME2").trim();
        if (rows <= 0 || columns <= 0) {
            throw new FrameDecodeException(
                    Reason.INCONSISTENT_PIXEL_DATA,
                    "Rows and Columns must be positive, found " + rows + " x " + columns);
        }
        if ((long) rows * columns > MAX_FRAME_PIXELS) {
            throw new FrameDecodeException(
                    Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "frames of " + rows + " x " + columns + " pixels are larger than the " + MAX_FRAME_PIXELS
                            + " pixels analysis accepts");
        }
        if (frames <= 0) {
            throw new FrameDecodeException(
                    Reason.INCONSISTENT_PIXEL_DATA, "Number of Frames must be positive, found " + frames);
        }
        if (spp != 1 || !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            throw new FrameDecodeException(
                    Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "only grayscale (MONOCHROME1/2, one sample" + " per pixel) is supported for analysis, found "
                            + photometric + " with " + spp + " samples per pixel");
        }
        if (allocated != 8 && allocated != 16) {
            throw new FrameDecodeException(
                    Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "Bits Allocated " + allocated + " is not supported for analysis (8 or 16)");
        }
        if (stored < 1 || stored > allocated) {
            throw new FrameDecodeException(
                    Reason.INCONSISTENT_PIXEL_DATA,
                    "Bits Stored " + stored + " does not fit Bits Allocated " + allocated);
        }
        return new PixelFormat(
                rows, columns, frames, allocated, stored, representation == 1, photometric.equals("MONOCHROME1"));
    }

    public int pixelsPerFrame() {
        return rows * columns;
    }

    /** Bytes of one native frame. */
    public long nativeFrameLength() {
        return (long) rows * columns * (bitsAllocated / 8);
    }

    /** Smallest and largest stored value the format can hold. */
    public int minValue() {
        return signed ? -(1 << (bitsStored - 1)) : 0;
    }

    public int maxValue() {
        return signed ? (1 << (bitsStored - 1)) - 1 : (1 << bitsStored) - 1;
    }

    /** A raw sample (bits above Bits Stored ignored) as its stored value, sign-extended when signed. */
    int storedValue(int raw) {
        int v = raw & ((1 << bitsStored) - 1);
        return signed ? (v << (32 - bitsStored)) >> (32 - bitsStored) : v;
    }
}
