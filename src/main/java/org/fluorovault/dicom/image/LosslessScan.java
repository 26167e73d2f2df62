package org.fluorovault.dicom.image;

import org.fluorovault.dicom.image.FrameDecodeException.Reason;

/**
 * The entropy-coded data of one lossless scan (T.81 Annex H): byte stuffing and restart markers
 * are removed in one pass, then each restart interval is Huffman-decoded and predicted straight
 * into the frame's sample array. Decoding never reads outside the scan: past the end of an
 * interval the bit reader sees zero bytes and counts them, and a row that needed them is
 * reported as truncated data.
 *
 * @param columns samples per line
 * @param rows lines
 * @param stride components per pixel in the output (Nf)
 * @param components the frame component index of each scan component (interleaved when more than one)
 * @param tables the Huffman table of each scan component
 * @param predictor selection value Ss, 1..7
 * @param precision P
 * @param pointTransform Pt (Al)
 * @param restartInterval Ri in MCUs, 0 for none
 */
record LosslessScan(
        int columns,
        int rows,
        int stride,
        int[] components,
        LosslessHuffmanTable[] tables,
        int predictor,
        int precision,
        int pointTransform,
        int restartInterval) {

    /**
     * Decodes the scan's entropy-coded data, which starts at {@code from}, into {@code out}
     * (pixel-interleaved, shifted back by the point transform).
     *
     * @return the position of the marker that ends the scan (or the end of the data)
     */
    int decode(byte[] data, int from, int[] out) throws FrameDecodeException {
        int linesPerInterval = rows;
        if (restartInterval > 0) {
            if (restartInterval % columns != 0) {
                throw new FrameDecodeException(
                        Reason.UNSUPPORTED_PIXEL_FORMAT,
                        "JPEG lossless: a restart interval of " + restartInterval
                                + " samples that is not a whole number of " + columns
                                + "-sample lines is not supported");
            }
            linesPerInterval = restartInterval / columns;
        }
        int intervals = (rows + linesPerInterval - 1) / linesPerInterval;
        byte[] ecs = new byte[data.length - from];
        int[] starts = new int[intervals + 1];
        int end = unstuff(data, from, ecs, starts, intervals);
        int[] diffs = new int[columns * components.length];
        for (int k = 0; k < intervals; k++) {
            int firstLine = k * linesPerInterval;
            decodeInterval(
                    ecs, starts[k], starts[k + 1], firstLine, Math.min(rows, firstLine + linesPerInterval), out, diffs);
        }
        if (pointTransform > 0) {
            for (int c : components)
                for (int i = c; i < out.length; i += stride) out[i] = (out[i] << pointTransform) & 0xFFFF;
        }
        return end;
    }

    /**
     * Copies the entropy-coded bytes without stuffing into {@code ecs}, recording where each
     * restart interval starts ({@code starts[intervals]} is the end).
     */
    private static int unstuff(byte[] d, int p, byte[] ecs, int[] starts, int intervals) throws FrameDecodeException {
        int n = 0, found = 1;
        while (p < d.length) {
            byte b = d[p];
            if (b != (byte) 0xFF) {
                ecs[n++] = b;
                p++;
                continue;
            }
            int q = p + 1;
            while (q < d.length && d[q] == (byte) 0xFF) q++; // fill bytes before a marker
            if (q >= d.length) {
                p = d.length;
                break;
            }
            int m = d[q] & 0xff;
            if (m == 0) {
                ecs[n++] = (byte) 0xFF;
                p = q + 1;
            } else if (m >= 0xD0 && m <= 0xD7) {
                int expected = 0xD0 + (found - 1) % 8;
                if (found >= intervals || m != expected) {
                    throw LosslessHuffmanTable.corrupt(String.format(
                            "restart marker RST%d where %s was expected",
                            m - 0xD0, found >= intervals ? "the end of the scan" : "RST" + (expected - 0xD0)));
                }
                starts[found++] = n;
                p = q + 1;
            } else {
                break; // a marker that ends the scan
            }
        }
        if (found != intervals) {
            throw LosslessHuffmanTable.corrupt(
                    "the scan ends after " + found + " of its " + intervals + " restart intervals");
        }
        starts[intervals] = n;
        return p;
    }

    /**
     * One restart interval, line by line: the line's differences are Huffman-decoded first (all
     * components, in MCU order), then each component's line is predicted in one tight loop.
     */
    private void decodeInterval(byte[] ecs, int p, int end, int firstLine, int lastLine, int[] out, int[] diffs)
            throws FrameDecodeException {
        final int ns = components.length, perLine = columns * ns, mask = (1 << LosslessHuffmanTable.LOOKUP_BITS) - 1;
        long acc = 0;
        int bits = 0, padding = 0;
        for (int y = firstLine; y < lastLine; y++) {
            for (int j = 0, k = 0; j < perLine; j++) {
                LosslessHuffmanTable t = tables[k];
                if (++k == ns) k = 0;
                if (bits < 32) {
                    if (p + 4 <= end) {
                        acc = acc << 32
                                | ((ecs[p] & 0xff) << 24
                                                | (ecs[p + 1] & 0xff) << 16
                                                | (ecs[p + 2] & 0xff) << 8
                                                | (ecs[p + 3] & 0xff))
                                        & 0xFFFFFFFFL;
                        p += 4;
                        bits += 32;
                    } else {
                        do { // the last bytes, then zeros that are counted as padding
                            int b;
                            if (p < end) b = ecs[p++] & 0xff;
                            else {
                                b = 0;
                                padding++;
                            }
                            acc = acc << 8 | b;
                            bits += 8;
                        } while (bits <= 56);
                    }
                }
                int e = t.lookup[(int) (acc >>> (bits - LosslessHuffmanTable.LOOKUP_BITS)) & mask];
                if ((e & LosslessHuffmanTable.COMPLETE) != 0) {
                    bits -= e & 31;
                    diffs[j] = e >> 6;
                    continue;
                }
                int ssss;
                if (e != 0) {
                    bits -= e & 31;
                    ssss = e >>> 6;
                } else {
                    int code = (int) (acc >>> (bits - 16)) & 0xFFFF;
                    int len = LosslessHuffmanTable.LOOKUP_BITS + 1;
                    while (len <= 16 && (code >>> (16 - len)) > t.maxCode[len]) len++;
                    int at = len > 16 ? -1 : t.valPtr[len] + (code >>> (16 - len)) - t.minCode[len];
                    if (at < 0 || at >= t.values.length) {
                        throw LosslessHuffmanTable.corrupt("an invalid Huffman code in line " + (y + 1));
                    }
                    ssss = t.values[at];
                    bits -= len;
                }
                if (ssss == 0) {
                    diffs[j] = 0;
                } else if (ssss == 16) {
                    diffs[j] = 32768;
                } else {
                    bits -= ssss;
                    diffs[j] = LosslessHuffmanTable.difference((int) (acc >>> bits) & ((1 << ssss) - 1), ssss);
                }
            }
            if (padding * 8 > bits) {
                throw LosslessHuffmanTable.corrupt(
                        "the data ends in line " + (y + 1) + " of " + rows + " (truncated frame)");
            }
            for (int k = 0; k < ns; k++) predictLine(out, y, y == firstLine, k, diffs);
        }
    }

    /**
     * Adds the predictions (T.81 H.1.2.1, Table H.1) to the differences of scan component {@code k}
     * in line {@code y}. The first line of the scan and of each restart interval is predicted from
     * the left, starting at 2^(P-Pt-1); the first sample of every other line from the one above.
     */
    private void predictLine(int[] out, int y, boolean first, int k, int[] d) {
        int s = stride, ns = components.length;
        int i = y * columns * s + components[k], up = i - columns * s, end = i + columns * s, j = k;
        out[i] = ((first ? 1 << (precision - pointTransform - 1) : out[up]) + d[j]) & 0xFFFF;
        i += s;
        up += s;
        j += ns;
        switch (first ? 1 : predictor) {
            case 1 -> {
                for (; i < end; i += s, j += ns) out[i] = (out[i - s] + d[j]) & 0xFFFF;
            }
            case 2 -> {
                for (; i < end; i += s, up += s, j += ns) out[i] = (out[up] + d[j]) & 0xFFFF;
            }
            case 3 -> {
                for (; i < end; i += s, up += s, j += ns) out[i] = (out[up - s] + d[j]) & 0xFFFF;
            }
            case 4 -> {
                for (; i < end; i += s, up += s, j += ns) out[i] = (out[i - s] + out[up] - out[up - s] + d[j]) & 0xFFFF;
            }
            case 5 -> {
                for (; i < end; i += s, up += s, j += ns)
                    out[i] = (out[i - s] + ((out[up] - out[up - s]) >> 1) + d[j]) & 0xFFFF;
            }
            case 6 -> {
                for (; i < end; i += s, up += s, j += ns)
                    out[i] = (out[up] + ((out[i - s] - out[up - s]) >> 1) + d[j]) & 0xFFFF;
            }
            default -> {
                for (; i < end; i += s, up += s, j += ns) out[i] = (((out[i - s] + out[up]) >> 1) + d[j]) & 0xFFFF;
            }
        }
    }
}
