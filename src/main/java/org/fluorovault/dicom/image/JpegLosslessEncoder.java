package org.fluorovault.dicom.image;

import java.util.Arrays;
import org.fluorovault.dicom.dict.Uids;

/**
 * JPEG lossless encoder: ITU T.81 process 14, one component, 2 to 16 bits per sample. By default
 * first-order prediction (selection value 1, the sample to the left), point transform 0 and no
 * restart intervals: what DICOM calls "JPEG Lossless, Non-Hierarchical, First-Order Prediction"
 * (transfer syntax {@value #TRANSFER_SYNTAX_UID}). The other predictors 2-7, a point transform and
 * restart intervals of whole lines make "JPEG Lossless, Non-Hierarchical (Process 14)"
 * ({@value #PROCESS_14_UID}); see {@link #transferSyntaxUid()}.
 *
 * <p>Each call of {@link #encode} writes one complete interchange-format bitstream (SOI, DHT,
 * SOF3, [DRI,] SOS, entropy-coded data, EOI) for one frame. The Huffman table is built from the
 * frame's own difference categories and limited to 16-bit codes as in T.81 Annex K.2, so no
 * fixed table has to suit every bit depth.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JpegLosslessEncoder {
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
    public static final String TRANSFER_SYNTAX_UID = Uids.JPEGLosslessSV1;
    /** JPEG Lossless, Non-Hierarchical (Process 14), any predictor. */
    public static final String PROCESS_14_UID = Uids.JPEGLossless;

    /** The 17 difference categories SSSS = 0..16 of T.81 Table H.2. */
    private static final int CATEGORIES = 17;

    private final int precision;
    private final int predictor;
    private final int pointTransform;
    private final int restartLines;

    /**
     * @param precision bits per sample P (Bits Stored), 2..16; every sample must be below 2^P
     */
    public JpegLosslessEncoder(int precision) {
        this(precision, 1, 0, 0);
    }

    /**
     * @param precision bits per sample P, 2..16
     * @param predictor selection value 1..7 (T.81 Table H.1)
     * @param pointTransform Pt, 0..P-1: the low Pt bits of each sample are dropped (lossy unless they are 0)
     * @param restartLines lines per restart interval, 0 for none
     */
    public JpegLosslessEncoder(int precision, int predictor, int pointTransform, int restartLines) {
        if (precision < 2 || precision > 16)
            throw new IllegalArgumentException("precision must be 2..16: " + precision);
        if (predictor < 1 || predictor > 7) throw new IllegalArgumentException("predictor must be 1..7: " + predictor);
        if (pointTransform < 0 || pointTransform >= precision) {
            throw new IllegalArgumentException("point transform must be 0.." + (precision - 1) + ": " + pointTransform);
        }
        if (restartLines < 0) throw new IllegalArgumentException("restart lines must be 0 or more: " + restartLines);
        this.precision = precision;
        this.predictor = predictor;
        this.pointTransform = pointTransform;
        this.restartLines = restartLines;
    }

    /** {@value #TRANSFER_SYNTAX_UID} for selection value 1 without point transform, else {@value #PROCESS_14_UID}. */
    public String transferSyntaxUid() {
        return predictor == 1 && pointTransform == 0 ? TRANSFER_SYNTAX_UID : PROCESS_14_UID;
    }

    public int precision() {
        return precision;
    }

    /** Encodes one frame of {@code columns x rows} unsigned samples stored row by row from index 0. */
    public byte[] encode(short[] samples, int columns, int rows) {
        return encode(samples, 0, columns, rows);
    }

    /**
     * Encodes one frame of unsigned samples (the 16 bits of each {@code short} read as 0..65535)
     * stored row by row from {@code offset}.
     *
     * @return the JPEG bitstream, starting with FFD8 and ending with FFD9 (its length may be odd)
     * @throws IllegalArgumentException for a size outside 1..65535 or a sample of more than P bits
     */
    public byte[] encode(short[] samples, int offset, int columns, int rows) {
        if (columns < 1 || rows < 1 || columns > 0xFFFF || rows > 0xFFFF) {
            throw new IllegalArgumentException("frame size must be 1..65535: " + columns + "x" + rows);
        }
        int n = columns * rows;
        if (offset < 0 || samples.length - offset < n)
            throw new IllegalArgumentException("samples too short for the frame");
        int interval = restartLines == 0 || restartLines >= rows ? n : restartLines * columns;
        if (interval < n && interval > 0xFFFF) {
            throw new IllegalArgumentException("a restart interval of " + interval + " samples exceeds 65535");
        }
        int[] diffs = differences(samples, offset, columns, rows);
        long[] freq = new long[CATEGORIES];
        for (int d : diffs) freq[category(d)]++;
        HuffmanTable table = HuffmanTable.optimal(freq);

        ByteSink out = new ByteSink(64 + n * precision / 8);
        out.marker(0xD8); // SOI
        writeDht(out, table);
        writeSof3(out, columns, rows);
        if (interval < n) {
            out.marker(0xDD); // DRI
            out.u16(4);
            out.u16(interval);
        }
        writeSos(out);
        BitWriter bits = new BitWriter(out);
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % interval == 0) {
                bits.flushWithOnes();
                out.marker(0xD0 + (i / interval - 1) % 8); // RSTm
            }
            int d = diffs[i];
            int ssss = category(d);
            bits.write(table.code[ssss], table.size[ssss]);
            if (ssss != 0 && ssss != 16) bits.write(d > 0 ? d : d - 1, ssss); // H.1.2.2; SSSS 16 has no extra bits
        }
        bits.flushWithOnes();
        out.marker(0xD9); // EOI
        return out.toByteArray();
    }

    /** Prediction differences in coding order (H.1.2.1), each in -32767..32768. */
    private int[] differences(short[] s, int off, int columns, int rows) {
        int max = (1 << precision) - 1;
        int[] d = new int[columns * rows];
        int i = 0;
        for (int y = 0; y < rows; y++) {
            int row = off + y * columns;
            boolean firstLine =
                    restartLines == 0 ? y == 0 : y % restartLines == 0; // of the scan or of a restart interval
            for (int x = 0; x < columns; x++, i++) {
                int v = s[row + x] & 0xFFFF;
                if (v > max) {
                    throw new IllegalArgumentException(
                            "sample " + v + " at (" + x + "," + y + ") exceeds " + precision + " bits");
                }
                int pred;
                if (firstLine) pred = x == 0 ? 1 << (precision - pointTransform - 1) : sample(s, row + x - 1);
                else if (x == 0) pred = sample(s, row - columns); // first column: Rb
                else
                    pred = predict(
                            sample(s, row + x - 1), sample(s, row - columns + x), sample(s, row - columns + x - 1));
                int diff = ((v >> pointTransform) - pred) & 0xFFFF; // modulo 2^16
                d[i] = diff > 0x8000 ? diff - 0x10000 : diff;
            }
        }
        return d;
    }

    /** A sample after the point transform. */
    private int sample(short[] s, int i) {
        return (s[i] & 0xFFFF) >> pointTransform;
    }

    /** T.81 Table H.1. */
    private int predict(int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }

    static int category(int diff) {
        return diff == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(diff));
    }

    private static void writeDht(ByteSink out, HuffmanTable t) {
        out.marker(0xC4);
        out.u16(2 + 1 + 16 + t.values.length);
        out.u8(0x00); // Tc = 0 (DC/lossless), Th = 0
        for (int len = 1; len <= 16; len++) out.u8(t.bits[len]);
        for (int v : t.values) out.u8(v);
    }

    private void writeSof3(ByteSink out, int columns, int rows) {
        out.marker(0xC3);
        out.u16(8 + 3); // Lf for one component
        out.u8(precision);
        out.u16(rows);
        out.u16(columns);
        out.u8(1); // Nf
        out.u8(1); // C1
        out.u8(0x11); // H1 = V1 = 1
        out.u8(0); // Tq (unused in lossless)
    }

    private void writeSos(ByteSink out) {
        out.marker(0xDA);
        out.u16(6 + 2); // Ls for one component
        out.u8(1); // Ns
        out.u8(1); // Cs1
        out.u8(0x00); // Td1 = 0, Ta1 = 0
        out.u8(predictor); // Ss: predictor selection value
        out.u8(0); // Se: 0 in lossless mode
        out.u8(pointTransform); // Ah = 0, Al = Pt
    }

    /**
     * A Huffman table for the difference categories: code lengths from the frequencies
     * (T.81 K.2, Figures K.1-K.4), limited to 16 bits, with the all-ones code word unused;
     * codes assigned as in Annex C.
     */
    static final class HuffmanTable {
        /** bits[l] = number of codes of length l, 1..16 (index 0 unused). */
        final int[] bits = new int[17];
        /** Symbols in order of increasing code length (HUFFVAL). */
        final int[] values;
        /** Code and its length per category; size 0 for a category that does not occur. */
        final int[] code = new int[CATEGORIES];

        final int[] size = new int[CATEGORIES];

        private HuffmanTable(int[] bits, int[] values) {
            System.arraycopy(bits, 0, this.bits, 0, 17);
            this.values = values;
            int c = 0, k = 0;
            for (int len = 1; len <= 16; len++) {
                for (int j = 0; j < bits[len]; j++, k++) {
                    code[values[k]] = c++;
                    size[values[k]] = len;
                }
                c <<= 1;
            }
        }

        static HuffmanTable optimal(long[] frequencies) {
            int reserved = CATEGORIES; // symbol with frequency 1 that keeps the all-ones code out of use
            long[] freq = Arrays.copyOf(frequencies, CATEGORIES + 1);
            freq[reserved] = 1;
            int[] codesize = new int[freq.length];
            int[] others = new int[freq.length];
            Arrays.fill(others, -1);
            while (true) { // Figure K.1
                int v1 = -1, v2 = -1;
                for (int v = 0; v < freq.length; v++) { // least frequency, ties to the larger symbol
                    if (freq[v] > 0 && (v1 < 0 || freq[v] <= freq[v1])) v1 = v;
                }
                for (int v = 0; v < freq.length; v++) {
                    if (v != v1 && freq[v] > 0 && (v2 < 0 || freq[v] <= freq[v2])) v2 = v;
                }
                if (v2 < 0) break;
                freq[v1] += freq[v2];
                freq[v2] = 0;
                codesize[v1]++;
                int v = v1;
                while (others[v] >= 0) {
                    v = others[v];
                    codesize[v]++;
                }
                others[v] = v2;
                codesize[v2]++;
                v = v2;
                while (others[v] >= 0) {
                    v = others[v];
                    codesize[v]++;
                }
            }
            int[] bits = new int[33 + freq.length]; // Figure K.2
            for (int v = 0; v < freq.length; v++) if (codesize[v] > 0) bits[codesize[v]]++;
            for (int i = bits.length - 1; i > 16; i--) { // Figure K.3
                while (bits[i] > 0) {
                    int j = i - 2;
                    while (bits[j] == 0) j--;
                    bits[i] -= 2;
                    bits[i - 1] += 1;
                    bits[j + 1] += 2;
                    bits[j] -= 1;
                }
            }
            int longest = 16;
            while (bits[longest] == 0) longest--;
            bits[longest]--; // drop the reserved code point
            int count = 0;
            for (int len = 1; len <= 16; len++) count += bits[len];
            int[] values = new int[count];
            int k = 0;
            for (int len = 1; len <= 32 + freq.length && k < count; len++) { // Figure K.4
                for (int v = 0; v < CATEGORIES && k < count; v++) if (codesize[v] == len) values[k++] = v;
            }
            return new HuffmanTable(bits, values);
        }
    }

    /** Writes entropy-coded bits most significant first, stuffing a zero byte after each 0xFF. */
    private static final class BitWriter {
        private final ByteSink out;
        private long acc;
        private int count;

        BitWriter(ByteSink out) {
            this.out = out;
        }

        void write(int value, int length) {
            acc = (acc << length) | (value & ((1L << length) - 1));
            count += length;
            while (count >= 8) {
                count -= 8;
                int b = (int) (acc >>> count) & 0xFF;
                out.u8(b);
                if (b == 0xFF) out.u8(0x00);
            }
            acc &= (1L << count) - 1;
        }

        /** Pads the last byte with 1-bits (F.1.2.3). */
        void flushWithOnes() {
            if (count > 0) write((1 << (8 - count)) - 1, 8 - count);
        }
    }

    /** A growable byte array. */
    private static final class ByteSink {
        private byte[] buf;
        private int len;

        ByteSink(int capacity) {
            buf = new byte[Math.max(256, capacity)];
        }

        void u8(int b) {
            if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[len++] = (byte) b;
        }

        void u16(int v) {
            u8(v >> 8);
            u8(v);
        }

        void marker(int m) {
            u8(0xFF);
            u8(m);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
