package org.fluorovault.dicom.image;

import java.util.Arrays;

/**
 * JPEG lossless encoder: ITU T.81 process 14, first-order prediction (selection value 1, the
 * sample to the left), point transform 0, one component, 2 to 16 bits per sample. This is what
 * DICOM calls "JPEG Lossless, Non-Hierarchical, First-Order Prediction" (transfer syntax
 * {@value #TRANSFER_SYNTAX_UID}).
 *
 * <p>Each call of {@link #encode} writes one complete interchange-format bitstream (SOI, DHT,
 * SOF3, SOS, entropy-coded data, EOI) for one frame. The Huffman table is built from the
 * frame's own difference categories and limited to 16-bit codes as in T.81 Annex K.2, so no
 * fixed table has to suit every bit depth. No restart intervals are used.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JpegLosslessEncoder {
    /** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
    public static final String TRANSFER_SYNTAX_UID = "1.2.840.10008.1.2.4.70";

    /** The 17 difference categories SSSS = 0..16 of T.81 Table H.2. */
    private static final int CATEGORIES = 17;

    private final int precision;

    /**
     * @param precision bits per sample P (Bits Stored), 2..16; every sample must be below 2^P
     */
    public JpegLosslessEncoder(int precision) {
        if (precision < 2 || precision > 16) throw new IllegalArgumentException("precision must be 2..16: " + precision);
        this.precision = precision;
    }

    public int precision() { return precision; }

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
        if (offset < 0 || samples.length - offset < n) throw new IllegalArgumentException("samples too short for the frame");
        int[] diffs = differences(samples, offset, columns, rows);
        long[] freq = new long[CATEGORIES];
        for (int d : diffs) freq[category(d)]++;
        HuffmanTable table = HuffmanTable.optimal(freq);

        ByteSink out = new ByteSink(64 + n * precision / 8);
        out.marker(0xD8); // SOI
        writeDht(out, table);
        writeSof3(out, columns, rows);
        writeSos(out);
        BitWriter bits = new BitWriter(out);
        for (int d : diffs) {
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
            for (int x = 0; x < columns; x++, i++) {
                int v = s[row + x] & 0xFFFF;
                if (v > max) {
                    throw new IllegalArgumentException("sample " + v + " at (" + x + "," + y + ") exceeds " + precision + " bits");
                }
                int pred;
                if (x > 0) pred = s[row + x - 1] & 0xFFFF;               // Ra: selection value 1
                else if (y > 0) pred = s[row - columns] & 0xFFFF;          // first column: Rb
                else pred = 1 << (precision - 1);                         // first sample: 2^(P-Pt-1)
                int diff = (v - pred) & 0xFFFF;                            // modulo 2^16
                d[i] = diff > 0x8000 ? diff - 0x10000 : diff;
            }
        }
        return d;
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
        out.u16(8 + 3);   // Lf for one component
        out.u8(precision);
        out.u16(rows);
        out.u16(columns);
        out.u8(1);        // Nf
        out.u8(1);        // C1
        out.u8(0x11);     // H1 = V1 = 1
        out.u8(0);        // Tq (unused in lossless)
    }

    private static void writeSos(ByteSink out) {
        out.marker(0xDA);
        out.u16(6 + 2);   // Ls for one component
        out.u8(1);        // Ns
        out.u8(1);        // Cs1
        out.u8(0x00);     // Td1 = 0, Ta1 = 0
        out.u8(1);        // Ss: predictor selection value 1
        out.u8(0);        // Se: 0 in lossless mode
        out.u8(0x00);     // Ah = 0, Al = Pt = 0
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
                while (others[v] >= 0) { v = others[v]; codesize[v]++; }
                others[v] = v2;
                codesize[v2]++;
                v = v2;
                while (others[v] >= 0) { v = others[v]; codesize[v]++; }
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

        BitWriter(ByteSink out) { this.out = out; }

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

        ByteSink(int capacity) { buf = new byte[Math.max(256, capacity)]; }

        void u8(int b) {
            if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[len++] = (byte) b;
        }

        void u16(int v) { u8(v >> 8); u8(v); }

        void marker(int m) { u8(0xFF); u8(m); }

        byte[] toByteArray() { return Arrays.copyOf(buf, len); }
    }
}
