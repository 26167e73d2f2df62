package org.fluorovault.dicom.image;

/** Native (uncompressed) pixel data. */
final class NativeDecoder {
    private NativeDecoder() {}

    static int[] decode(byte[] b, PixelFormat fmt, boolean bigEndian) {
        int n = fmt.pixelsPerFrame();
        int[] out = new int[n];
        if (fmt.bitsAllocated() == 8) {
            for (int i = 0; i < n; i++) out[i] = fmt.storedValue(b[i] & 0xff);
        } else if (bigEndian) {
            for (int i = 0; i < n; i++) out[i] = fmt.storedValue((b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff));
        } else {
            for (int i = 0; i < n; i++) out[i] = fmt.storedValue((b[2 * i] & 0xff) | (b[2 * i + 1] & 0xff) << 8);
        }
        return out;
    }
}
