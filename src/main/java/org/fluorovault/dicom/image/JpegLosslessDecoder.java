package org.fluorovault.dicom.image;

import java.io.IOException;
import org.fluorovault.dicom.image.FrameDecodeException.Reason;

/**
 * JPEG lossless decoder: ITU T.81 process 14 (SOF3, Huffman coding), 2 to 16 bits per sample,
 * predictors 1 to 7, point transform, restart intervals (DRI, RSTn) of whole lines, one component
 * or several (interleaved in one scan, or one scan each) with sampling factors 1x1. This covers
 * the DICOM transfer syntaxes JPEG Lossless Process 14 (1.2.840.10008.1.2.4.57) and its
 * first-order prediction subset (.70). Damaged or truncated data is a {@link FrameDecodeException}
 * with a message that says what was wrong; decoding never reads or writes outside its arrays.
 */
final class JpegLosslessDecoder {
    private JpegLosslessDecoder() {}

    /**
     * A decoded image: samples row by row, the components of a pixel next to each other.
     *
     * @param precision P, bits per sample; samples are already shifted back by the point transform
     */
    record Image(int columns, int rows, int components, int precision, int[] samples) {}

    /**
     * One grayscale frame as stored values ({@code fmt}'s bits stored, sign-extended when signed).
     * A frame that is not lossless (some files label DCT-coded frames with a lossless transfer
     * syntax) goes to the ImageIO decoder.
     */
    static int[] decodeFrame(byte[] jpeg, PixelFormat fmt) throws FrameDecodeException, IOException {
        int sof = frameMarker(jpeg);
        if (sof == 0xC0 || sof == 0xC1) return JpegDecoder.decode(jpeg, fmt);
        Image img = decode(jpeg);
        if (img.columns() != fmt.columns() || img.rows() != fmt.rows()) {
            throw new FrameDecodeException(
                    Reason.INCONSISTENT_PIXEL_DATA,
                    "the JPEG frame is " + img.columns() + " x " + img.rows() + ", the object says " + fmt.columns()
                            + " x " + fmt.rows());
        }
        if (img.components() != 1) {
            throw new FrameDecodeException(
                    Reason.UNSUPPORTED_PIXEL_FORMAT,
                    "the JPEG frame has " + img.components() + " components, 1 expected for grayscale");
        }
        int[] v = img.samples();
        for (int i = 0; i < v.length; i++) v[i] = fmt.storedValue(v[i]);
        return v;
    }

    /** Decodes one JPEG lossless interchange-format image (SOI ... EOI). */
    static Image decode(byte[] b) throws FrameDecodeException {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8)
            throw corrupt("the frame does not start with SOI (FFD8)");
        LosslessHuffmanTable[] tables = new LosslessHuffmanTable[4];
        int[] ids = null;
        int precision = 0, rows = 0, columns = 0, restart = 0;
        int[] out = null;
        boolean[] done = null;
        int p = 2;
        while (true) {
            while (p < b.length && (b[p] & 0xff) != 0xFF) p++; // tolerate stray bytes between segments
            while (p < b.length && (b[p] & 0xff) == 0xFF) p++;
            if (p >= b.length) break; // no EOI: accepted when every component was decoded
            int marker = b[p++] & 0xff;
            if (marker == 0xD9) break;
            if (marker == 0x00) continue; // a stuffed FF outside a scan: nothing to read
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue; // no length
            if (p + 2 > b.length) throw corrupt("the data ends inside the marker FF" + hex(marker));
            int length = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
            int from = p + 2, to = p + length;
            if (length < 2 || to > b.length) throw corrupt("the segment FF" + hex(marker) + " is longer than the data");
            switch (marker) {
                case 0xC4 -> LosslessHuffmanTable.parse(b, from, to, tables);
                case 0xC3 -> {
                    if (out != null) throw corrupt("a second frame header (SOF3)");
                    if (length < 8) throw corrupt("a frame header (SOF3) of " + length + " bytes");
                    precision = b[from] & 0xff;
                    rows = u16(b, from + 1);
                    columns = u16(b, from + 3);
                    int nf = b[from + 5] & 0xff;
                    if (precision < 2 || precision > 16)
                        throw corrupt("a sample precision of " + precision + " bits (2..16)");
                    if (rows == 0) throw unsupported("the number of lines is given after the scan (DNL)");
                    if (columns == 0 || nf == 0 || length != 8 + 3 * nf) {
                        throw corrupt("a frame header (SOF3) with " + columns + " columns and " + nf + " components in "
                                + length + " bytes");
                    }
                    if ((long) rows * columns * nf > PixelFormat.MAX_FRAME_PIXELS) {
                        throw unsupported("a frame of " + columns + " x " + rows + " x " + nf + " samples (too large)");
                    }
                    ids = new int[nf];
                    for (int c = 0; c < nf; c++) {
                        ids[c] = b[from + 6 + 3 * c] & 0xff;
                        int hv = b[from + 7 + 3 * c] & 0xff;
                        if (hv != 0x11) throw unsupported("component sampling factors " + (hv >> 4) + "x" + (hv & 15));
                    }
                    out = new int[rows * columns * nf];
                    done = new boolean[nf];
                }
                case 0xDD -> {
                    if (length != 4) throw corrupt("a restart interval segment (DRI) of " + length + " bytes");
                    restart = u16(b, from);
                }
                case 0xDA -> {
                    if (out == null) throw corrupt("a scan (SOS) before the frame header (SOF3)");
                    LosslessScan scan = scan(b, from, to, ids, tables, precision, columns, rows, restart, done);
                    p = scan.decode(b, to, out);
                    continue;
                }
                case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                    throw unsupported("SOF" + (marker - 0xC0) + " (only lossless Huffman coding, process 14, SOF3)");
                case 0xDC -> throw unsupported("the number of lines is given after the scan (DNL)");
                case 0xD8 -> throw corrupt("a second SOI inside the frame");
                default -> {} // APPn, COM, DQT and the like carry nothing lossless decoding needs
            }
            p = to;
        }
        if (out == null) throw corrupt("no frame header (SOF3)");
        for (int c = 0; c < done.length; c++) if (!done[c]) throw corrupt("no scan for component " + ids[c]);
        return new Image(columns, rows, ids.length, precision, out);
    }

    /** Reads a scan header (SOS) and marks its components as decoded. */
    private static LosslessScan scan(
            byte[] b,
            int from,
            int to,
            int[] ids,
            LosslessHuffmanTable[] tables,
            int precision,
            int columns,
            int rows,
            int restart,
            boolean[] done)
            throws FrameDecodeException {
        int ns = b[from] & 0xff;
        if (ns < 1 || ns > ids.length || to - from != 4 + 2 * ns)
            throw corrupt("a scan header (SOS) for " + ns + " components");
        int[] components = new int[ns];
        LosslessHuffmanTable[] scanTables = new LosslessHuffmanTable[ns];
        for (int k = 0; k < ns; k++) {
            int id = b[from + 1 + 2 * k] & 0xff, td = (b[from + 2 + 2 * k] & 0xff) >> 4;
            int c = 0;
            while (c < ids.length && ids[c] != id) c++;
            if (c == ids.length) throw corrupt("a scan for component " + id + ", which the frame header does not list");
            if (done[c]) throw corrupt("a second scan for component " + id);
            if (td > 3 || tables[td] == null)
                throw corrupt("a scan uses Huffman table " + td + ", which is not defined");
            done[c] = true;
            components[k] = c;
            scanTables[k] = tables[td];
        }
        int ss = b[from + 1 + 2 * ns] & 0xff, al = b[from + 3 + 2 * ns] & 0x0f;
        if (ss < 1 || ss > 7)
            throw corrupt("predictor selection value " + ss + " (1..7 in a non-hierarchical lossless scan)");
        if (al >= precision) throw corrupt("a point transform of " + al + " bits for " + precision + "-bit samples");
        return new LosslessScan(columns, rows, ids.length, components, scanTables, ss, precision, al, restart);
    }

    /** The first SOFn marker of a JPEG stream (0 when there is none before the first scan). */
    static int frameMarker(byte[] b) {
        int p = 2;
        while (p + 4 <= b.length && (b[p] & 0xff) == 0xFF) {
            int m = b[p + 1] & 0xff;
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) return m;
            if (m == 0xDA || m == 0xD9) return 0;
            if (m == 0xFF) {
                p++;
                continue;
            }
            p += 2 + u16(b, p + 2);
        }
        return 0;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    private static String hex(int marker) {
        return String.format("%02X", marker);
    }

    private static FrameDecodeException corrupt(String message) {
        return LosslessHuffmanTable.corrupt(message);
    }

    private static FrameDecodeException unsupported(String message) {
        return new FrameDecodeException(
                Reason.UNSUPPORTED_PIXEL_FORMAT, "JPEG lossless: " + message + " is not supported");
    }
}
