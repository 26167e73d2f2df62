package org.fluorovault.dicom.data;

/** Little- and big-endian number access on byte arrays. */
public final class ByteUtils {
    private ByteUtils() {}

    public static int uint16LE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    public static int uint16BE(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    public static int int32LE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    public static int int32BE(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    public static long uint32LE(byte[] b, int off) {
        return int32LE(b, off) & 0xffffffffL;
    }

    public static long int64LE(byte[] b, int off) {
        return (int32LE(b, off) & 0xffffffffL) | ((long) int32LE(b, off + 4) << 32);
    }

    public static void putInt16LE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >> 8);
    }

    public static void putInt32LE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >> 8);
        b[off + 2] = (byte) (v >> 16);
        b[off + 3] = (byte) (v >> 24);
    }

    public static void putInt64LE(byte[] b, int off, long v) {
        putInt32LE(b, off, (int) v);
        putInt32LE(b, off + 4, (int) (v >>> 32));
    }

    /** Reverses each {@code unit}-byte group in place (big endian <-> little endian). */
    public static void swap(byte[] b, int unit) {
        if (unit <= 1) return;
        for (int i = 0; i + unit <= b.length; i += unit) {
            for (int j = 0, k = unit - 1; j < k; j++, k--) {
                byte t = b[i + j];
                b[i + j] = b[i + k];
                b[i + k] = t;
            }
        }
    }
}
