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
record LosslessScan(int columns, int rows, int stride, int[] components, LosslessHuffmanTable[] tables, int predictor,
                    int precision, int pointTransform, int restartInterval) {

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
                throw new FrameDecodeException(Reason.UNSUPPORTED_PIXEL_FORMAT, "JPEG lossless: a restart interval of "
                        + restartInterval + " samples that is not a whole number of " + columns + "-sample lines is not supported");
            }
            linesPerInterval = restartInterval / columns;
        }
        int intervals = (rows + linesPerInterval - 1) / linesPerInterval;
        byte[] ecs = new byte[data.length - from];
        int[] starts = new int[intervals + 1];
        int end = unstuff(data, from, ecs, starts, intervals);
        for (int k = 0; k < intervals; k++) {
            int firstLine = k * linesPerInterval;
            decodeInterval(ecs, starts[k], starts[k + 1], firstLine, Math.min(rows, firstLine + linesPerInterval), out);
        }
        if (pointTransform > 0) {
            for (int c : components) for (int i = c; i < out.length; i += stride) out[i] = (out[i] << pointTransform) & 0xFFFF;
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
            if (q >= d.length) { p = d.length; break; }
            int m = d[q] & 0xff;
            if (m == 0) {
                ecs[n++] = (byte) 0xFF;
                p = q + 1;
            } else if (m >= 0xD0 && m <= 0xD7) {
                int expected = 0xD0 + (found - 1) % 8;
                if (found >= intervals || m != expected) {
                    throw LosslessHuffmanTable.corrupt(String.format("restart marker RST%d where %s was expected", m - 0xD0,
                            found >= intervals ? "the end of the scan" : "RST" + (expected - 0xD0)));
                }
                starts[found++] = n;
                p = q + 1;
            } else {
                break; // a marker that ends the scan
            }
        }
        if (found != intervals) {
            throw LosslessHuffmanTable.corrupt("the scan ends after " + found + " of its " + intervals + " restart intervals");
        }
        starts[intervals] = n;
        return p;
    }

    private void decodeInterval(byte[] ecs, int p, int end, int firstLine, int lastLine, int[] out) throws FrameDecodeException {
        final int ns = components.length, rowStride = columns * stride;
        final int initial = 1 << (precision - pointTransform - 1);
        long acc = 0;
        int bits = 0, padding = 0;
        for (int y = firstLine; y < lastLine; y++) {
            for (int x = 0; x < columns; x++) {
                for (int k = 0; k < ns; k++) {
                    LosslessHuffmanTable t = tables[k];
                    if (bits < 32) {
                        do {
                            int b;
                            if (p < end) b = ecs[p++] & 0xff;
                            else { b = 0; padding++; }
                            acc = acc << 8 | b;
                            bits += 8;
                        } while (bits <= 56);
                    }
                    int e = t.lookup[(int) (acc >>> (bits - LosslessHuffmanTable.LOOKUP_BITS)) & ((1 << LosslessHuffmanTable.LOOKUP_BITS) - 1)];
                    int ssss;
                    if (e != 0) {
                        bits -= e >>> 8;
                        ssss = e & 0xff;
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
                    int diff;
                    if (ssss == 0) {
                        diff = 0;
                    } else if (ssss == 16) {
                        diff = 32768;
                    } else {
                        int v = (int) (acc >>> (bits - ssss)) & ((1 << ssss) - 1);
                        bits -= ssss;
                        diff = v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
                    }
                    int i = (y * columns + x) * stride + components[k];
                    int pred;
                    if (y == firstLine) {
                        pred = x == 0 ? initial : out[i - stride];
                    } else if (x == 0) {
                        pred = out[i - rowStride];
                    } else {
                        int ra = out[i - stride], rb = out[i - rowStride], rc = out[i - rowStride - stride];
                        pred = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    out[i] = (pred + diff) & 0xFFFF;
                }
            }
            if (padding * 8 > bits) {
                throw LosslessHuffmanTable.corrupt("the data ends in line " + (y + 1) + " of " + rows + " (truncated frame)");
            }
        }
    }
}
