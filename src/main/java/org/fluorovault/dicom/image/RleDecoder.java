package org.fluorovault.dicom.image;

import org.fluorovault.dicom.data.ByteUtils;

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header with the number of segments and their offsets,
 * then one PackBits segment per byte of a sample, most significant byte first.
 */
final class RleDecoder {
    private RleDecoder() {}

    static int[] decode(byte[] data, PixelFormat fmt) {
        if (data.length < 64) throw new IllegalArgumentException("RLE frame shorter than its 64-byte header");
        int segments = (int) ByteUtils.uint32LE(data, 0);
        int bytesPerSample = fmt.bitsAllocated() / 8;
        if (segments != bytesPerSample) {
            throw new IllegalArgumentException(
                    "RLE frame has " + segments + " segments, " + bytesPerSample + " expected");
        }
        int n = fmt.pixelsPerFrame();
        int[] raw = new int[n];
        for (int s = 0; s < segments; s++) {
            long start = ByteUtils.uint32LE(data, 4 + 4 * s);
            long end = s + 1 < segments ? ByteUtils.uint32LE(data, 8 + 4 * s) : data.length;
            if (start < 64 || end > data.length || start > end)
                throw new IllegalArgumentException("RLE segment offsets out of range");
            byte[] seg = unpack(data, (int) start, (int) end, n);
            int shift = 8 * (segments - 1 - s);
            for (int i = 0; i < n; i++) raw[i] |= (seg[i] & 0xff) << shift;
        }
        for (int i = 0; i < n; i++) raw[i] = fmt.storedValue(raw[i]);
        return raw;
    }

    /** PackBits: n in 0..127 copies n+1 bytes; -1..-127 repeats the next byte 1-n times; -128 does nothing. */
    static byte[] unpack(byte[] in, int from, int to, int expected) {
        byte[] out = new byte[expected];
        int o = 0, i = from;
        while (i < to && o < expected) {
            int h = in[i++];
            if (h >= 0) {
                int count = h + 1;
                if (i + count > to) throw new IllegalArgumentException("RLE literal run past the end of its segment");
                int c = Math.min(count, expected - o);
                System.arraycopy(in, i, out, o, c);
                o += c;
                i += count;
            } else if (h != -128) {
                if (i >= to) throw new IllegalArgumentException("RLE replicate run past the end of its segment");
                byte v = in[i++];
                int c = Math.min(1 - h, expected - o);
                for (int k = 0; k < c; k++) out[o++] = v;
            }
        }
        if (o < expected)
            throw new IllegalArgumentException("RLE segment decodes to " + o + " bytes, " + expected + " expected");
        return out;
    }
}
