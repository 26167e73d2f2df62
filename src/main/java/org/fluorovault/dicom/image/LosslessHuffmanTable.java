package org.fluorovault.dicom.image;

import org.fluorovault.dicom.image.FrameDecodeException.Reason;

/**
 * A lossless (DC class) Huffman table from a DHT segment, for decoding: the codes of up to
 * {@value #LOOKUP_BITS} bits are found with one array look-up of the next bits, longer ones
 * with the per-length limits of T.81 F.2.2.3 (MAXCODE, VALPTR, MINCODE).
 */
final class LosslessHuffmanTable {
    /** Codes up to this length are decoded by one look-up. */
    static final int LOOKUP_BITS = 12;
    /** In a look-up entry: the number of bits it consumes (low 5 bits) and whether it holds the whole difference. */
    static final int COMPLETE = 1 << 5;

    /**
     * Indexed by the next LOOKUP_BITS bits; 0 when the code is longer. Otherwise the low 5 bits are
     * the bits to consume; with {@link #COMPLETE} the entry {@code >> 6} is the difference itself
     * (code and extra bits both fit the look-up), else it is the category SSSS whose extra bits follow.
     */
    final int[] lookup = new int[1 << LOOKUP_BITS];
    /** Largest code of each length 1..16, -1 when there is none (index 17 a sentinel). */
    final int[] maxCode = new int[18];

    final int[] minCode = new int[17];
    final int[] valPtr = new int[17];
    final int[] values;

    /**
     * @param counts BITS: the number of codes of each length 1..16 (index 0 unused)
     * @param values HUFFVAL: the symbols in order of code length, each a difference category 0..16
     */
    LosslessHuffmanTable(int[] counts, int[] values) throws FrameDecodeException {
        this.values = values;
        int code = 0, k = 0;
        for (int len = 1; len <= 16; len++) {
            valPtr[len] = k;
            minCode[len] = code;
            code += counts[len];
            k += counts[len];
            maxCode[len] = counts[len] == 0 ? -1 : code - 1;
            if (code > (1 << len)) throw corrupt("a Huffman table has more codes of " + len + " bits than fit");
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
        for (int v : values) {
            if (v < 0 || v > 16) throw corrupt("a lossless Huffman table holds the category " + v + " (0..16 allowed)");
        }
        // fill the look-up table: every bit pattern that starts with a short code maps to it
        code = 0;
        k = 0;
        for (int len = 1; len <= LOOKUP_BITS; len++) {
            for (int j = 0; j < counts[len]; j++, k++, code++) {
                int rest = LOOKUP_BITS - len, ssss = values[k];
                for (int r = 0; r < 1 << rest; r++) lookup[code << rest | r] = entry(len, ssss, r, rest);
            }
            code <<= 1;
        }
    }

    /** The look-up entry for a code of {@code len} bits and category {@code ssss}, followed by the {@code rest} bits {@code r}. */
    private static int entry(int len, int ssss, int r, int rest) {
        if (ssss == 0) return COMPLETE | len;
        if (ssss == 16) return 32768 << 6 | COMPLETE | len;
        if (ssss > rest) return ssss << 6 | len;
        return difference(r >>> (rest - ssss), ssss) << 6 | COMPLETE | (len + ssss);
    }

    /** T.81 F.2.2.1 EXTEND: the {@code ssss} extra bits {@code v} as a signed difference. */
    static int difference(int v, int ssss) {
        return v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
    }

    /** Parses the tables of one DHT segment ({@code from} just after its length, {@code to} its end). */
    static void parse(byte[] b, int from, int to, LosslessHuffmanTable[] tables) throws FrameDecodeException {
        int p = from;
        while (p < to) {
            int tcTh = b[p++] & 0xff;
            if ((tcTh >> 4) != 0 || (tcTh & 0x0f) > 3) {
                throw corrupt(String.format(
                        "a Huffman table of class %d, id %d (lossless uses class 0, ids 0-3)", tcTh >> 4, tcTh & 0x0f));
            }
            if (p + 16 > to) throw corrupt("a DHT segment ends inside its code counts");
            int[] counts = new int[17];
            int total = 0;
            for (int len = 1; len <= 16; len++) total += counts[len] = b[p++] & 0xff;
            if (p + total > to) throw corrupt("a DHT segment lists " + total + " symbols that do not fit it");
            int[] values = new int[total];
            for (int i = 0; i < total; i++) values[i] = b[p++] & 0xff;
            tables[tcTh & 0x0f] = new LosslessHuffmanTable(counts, values);
        }
    }

    static FrameDecodeException corrupt(String message) {
        return new FrameDecodeException(Reason.CORRUPT_PIXEL_DATA, "JPEG lossless: " + message);
    }
}
