package org.fluorovault.dicom.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.BulkDataRef;
import org.fluorovault.dicom.data.ByteUtils;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.ElementDictionary;

/**
 * Reads Part-10 files and bare data sets in any transfer syntax of PS3.5 (implicit VR LE,
 * explicit VR LE and BE, deflated explicit VR LE, encapsulated). With {@link BulkMode#REFERENCE}
 * top-level pixel data is not read but recorded as a {@link BulkDataRef} (or one per fragment),
 * so the heap does not grow with the size of the object; where no file offset exists (no path
 * given, or a deflated data set) the pixel data is skipped and left as an empty element.
 */
public final class DicomReader implements AutoCloseable {
    /** What to do with top-level pixel data. */
    public enum BulkMode {
        INLINE,
        REFERENCE
    }

    private static final int UNDEFINED = -1;
    private static final int MAX_DEPTH = 64;

    private InputStream in;
    private final Path path;
    private long pos;
    private boolean explicitVR = true;
    private boolean bigEndian;
    private boolean deflated;
    private BulkMode bulkMode = BulkMode.INLINE;
    private long maxValueLength = 64L * 1024 * 1024;
    private int stopTag = 0; // 0 = read to the end
    private final byte[] hdr = new byte[12];

    /** @param path the file {@code in} reads from, used for bulk data references; may be null */
    public DicomReader(InputStream in, Path path) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 65536);
        this.path = path;
    }

    public DicomReader bulkMode(BulkMode mode) {
        this.bulkMode = mode;
        return this;
    }

    /** Largest value held in memory; longer values are a parse error (guards against lying lengths). */
    public DicomReader maxValueLength(long max) {
        this.maxValueLength = max;
        return this;
    }

    /** Stop before the first top-level element whose tag is not lower than {@code tag} (unsigned). */
    public DicomReader stopAt(int tag) {
        this.stopTag = tag;
        return this;
    }

    /** Bytes consumed so far (after inflation for deflated data sets). */
    public long position() {
        return pos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Reads the 128-byte preamble, "DICM" and the group 0002 elements. Files without a preamble
     * whose first element is in group 0002 are accepted too.
     */
    public Attributes readFileMetaInformation() throws IOException {
        in.mark(132);
        byte[] pre = new byte[132];
        int n = in.readNBytes(pre, 0, 132);
        boolean hasPreamble = n == 132 && pre[128] == 'D' && pre[129] == 'I' && pre[130] == 'C' && pre[131] == 'M';
        if (hasPreamble) {
            pos = 132;
        } else {
            in.reset();
            if (n < 8 || ByteUtils.uint16LE(pre, 0) != 0x0002) {
                throw new DicomParseException(
                        "not a DICOM Part-10 file: no DICM prefix and no file meta information", 0);
            }
        }
        explicitVR = true;
        bigEndian = false;
        Attributes fmi = new Attributes();
        while (true) {
            in.mark(8);
            int b0 = in.read(), b1 = in.read();
            in.reset();
            if (b0 < 0 || b1 < 0 || (b0 | b1 << 8) != 0x0002) break;
            readElement(fmi, 0);
        }
        if (fmi.getString(0x00020010) == null) {
            throw new DicomParseException("file meta information lacks Transfer Syntax UID (0002,0010)", pos);
        }
        return fmi;
    }

    /** Reads a whole Part-10 file: returns the data set; {@code fmiOut}, if given, receives group 0002. */
    public Attributes readFile(Attributes fmiOut) throws IOException {
        Attributes fmi = readFileMetaInformation();
        if (fmiOut != null) fmiOut.addAll(fmi);
        return readDataset(TransferSyntax.of(fmi.getString(0x00020010)));
    }

    /** Reads a data set to the end of the stream (or the stop tag). */
    public Attributes readDataset(TransferSyntax ts) throws IOException {
        explicitVR = ts.explicitVR();
        bigEndian = ts.bigEndian();
        if (ts.deflated() && !deflated) {
            in = new BufferedInputStream(new InflaterInputStream(in, new Inflater(true), 65536), 65536);
            deflated = true;
        }
        Attributes ds = new Attributes();
        while (true) {
            in.mark(4);
            int first = in.read();
            if (first < 0) break;
            if (stopTag != 0) {
                byte[] t = new byte[4];
                t[0] = (byte) first;
                int got = 1 + in.readNBytes(t, 1, 3);
                in.reset();
                if (got == 4 && Integer.compareUnsigned(tagAt(t, 0), stopTag) >= 0) break;
            } else {
                in.reset();
            }
            readElement(ds, 0);
        }
        return ds;
    }

    private int tagAt(byte[] b, int off) {
        return bigEndian
                ? ByteUtils.uint16BE(b, off) << 16 | ByteUtils.uint16BE(b, off + 2)
                : ByteUtils.uint16LE(b, off) << 16 | ByteUtils.uint16LE(b, off + 2);
    }

    private int int32(byte[] b, int off) {
        return bigEndian ? ByteUtils.int32BE(b, off) : ByteUtils.int32LE(b, off);
    }

    private int uint16(byte[] b, int off) {
        return bigEndian ? ByteUtils.uint16BE(b, off) : ByteUtils.uint16LE(b, off);
    }

    /** Reads one element into {@code into}; returns its tag. */
    private int readElement(Attributes into, int depth) throws IOException {
        long start = pos;
        readFully(hdr, 0, 8);
        int tag = tagAt(hdr, 0);
        VR vr;
        long len;
        {
            if (Tag.group(tag) == 0xFFFE) {
                throw new DicomParseException("unexpected item or delimiter " + Tag.toString(tag), start);
            }
            if (explicitVR) {
                int code = (hdr[4] & 0xff) << 8 | (hdr[5] & 0xff);
                vr = VR.fromCode(code);
                if (vr == null) {
                    throw new DicomParseException(
                            "unknown VR '" + printable(hdr[4]) + printable(hdr[5]) + "' for " + Tag.toString(tag),
                            start);
                }
                if (vr.longLength()) {
                    readFully(hdr, 8, 4);
                    len = int32(hdr, 8) & 0xffffffffL;
                } else {
                    len = uint16(hdr, 6);
                }
            } else {
                len = int32(hdr, 4) & 0xffffffffL;
                vr = implicitVR(tag);
            }
        }
        boolean undefined = len == 0xffffffffL;
        if (undefined) {
            if (Tag.isPixelData(tag) && vr != VR.SQ) {
                into.put(tag, vr, readFragments(vr));
            } else if (vr == VR.SQ || vr == VR.UN) {
                // UN with undefined length is a sequence encoded in implicit VR little endian (PS3.5 6.2.2)
                boolean saved = explicitVR, savedBe = bigEndian;
                if (vr == VR.UN) {
                    explicitVR = false;
                    bigEndian = false;
                }
                try {
                    into.put(tag, VR.SQ, readSequence(UNDEFINED, depth + 1));
                } finally {
                    explicitVR = saved;
                    bigEndian = savedBe;
                }
            } else {
                throw new DicomParseException("undefined length for " + vr + " element " + Tag.toString(tag), start);
            }
            return tag;
        }
        if (vr == VR.SQ) {
            into.put(tag, VR.SQ, readSequence(len, depth + 1));
            return tag;
        }
        if (depth == 0 && Tag.isPixelData(tag) && bulkMode == BulkMode.REFERENCE) {
            // without a file offset (a stream, or inflated bytes) the element is kept, empty
            into.put(tag, vr, path != null && !deflated ? new BulkDataRef(path, pos, len) : null);
            skipFully(len);
            return tag;
        }
        byte[] value = readValue(len, tag);
        if (bigEndian && vr.swapsBytes()) ByteUtils.swap(value, vr == VR.AT ? 2 : vr.unitSize());
        into.put(tag, vr, len == 0 ? null : value);
        return tag;
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xff);
    }

    private VR implicitVR(int tag) {
        VR vr = ElementDictionary.vrOf(tag);
        return vr == null ? VR.UN : vr;
    }

    private Sequence readSequence(long len, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new DicomParseException("sequences nested deeper than " + MAX_DEPTH, pos);
        Sequence seq = new Sequence();
        long end = len == UNDEFINED ? Long.MAX_VALUE : pos + len;
        while (pos < end) {
            long start = pos;
            readFully(hdr, 0, 8);
            int tag = tagAt(hdr, 0);
            long itemLen = int32(hdr, 4) & 0xffffffffL;
            if (tag == Tag.SequenceDelimitationItem) {
                if (len != UNDEFINED)
                    throw new DicomParseException("sequence delimiter in a defined-length sequence", start);
                return seq;
            }
            if (tag != Tag.Item)
                throw new DicomParseException("expected an item in a sequence, found " + Tag.toString(tag), start);
            Attributes item = new Attributes();
            seq.add(item);
            long itemEnd = itemLen == 0xffffffffL ? Long.MAX_VALUE : pos + itemLen;
            if (itemEnd != Long.MAX_VALUE && itemEnd > end) {
                throw new DicomParseException("item runs past the end of its sequence", start);
            }
            while (pos < itemEnd) {
                if (itemEnd == Long.MAX_VALUE) {
                    in.mark(8);
                    byte[] t = new byte[8];
                    readFully(t, 0, 8);
                    if (tagAt(t, 0) == Tag.ItemDelimitationItem) break;
                    in.reset();
                    pos -= 8;
                }
                readElement(item, depth);
            }
            if (pos > itemEnd) throw new DicomParseException("element runs past the end of its item", pos);
        }
        if (len != UNDEFINED && pos != end)
            throw new DicomParseException("item runs past the end of its sequence", pos);
        return seq;
    }

    private Fragments readFragments(VR vr) throws IOException {
        Fragments frags = new Fragments(vr == VR.OW ? VR.OW : VR.OB);
        boolean first = true;
        while (true) {
            long start = pos;
            readFully(hdr, 0, 8);
            int tag = tagAt(hdr, 0);
            long len = int32(hdr, 4) & 0xffffffffL;
            if (tag == Tag.SequenceDelimitationItem) return frags;
            if (tag != Tag.Item)
                throw new DicomParseException("expected a fragment item, found " + Tag.toString(tag), start);
            if (len == 0xffffffffL) throw new DicomParseException("fragment item with undefined length", start);
            if (!first && bulkMode == BulkMode.REFERENCE) {
                if (path != null && !deflated) frags.add(new BulkDataRef(path, pos, len));
                skipFully(len);
            } else {
                frags.add(readValue(len, Tag.PixelData));
            }
            first = false;
        }
    }

    private byte[] readValue(long len, int tag) throws IOException {
        if (len > maxValueLength) {
            throw new DicomParseException(
                    "value of " + Tag.toString(tag) + " is " + len + " bytes, more than the limit of " + maxValueLength,
                    pos);
        }
        int n = (int) len;
        // grow while reading so a lying length cannot allocate more than what actually arrives
        byte[] buf = new byte[Math.min(n, 1 << 20)];
        int got = 0;
        while (got < n) {
            if (got == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(n, (long) buf.length * 2));
            int r = in.read(buf, got, buf.length - got);
            if (r < 0)
                throw new DicomParseException(
                        "data set ends in the middle of " + Tag.toString(tag) + " (" + got + " of " + n + " bytes)",
                        pos + got);
            got += r;
        }
        pos += n;
        return buf;
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        int n = in.readNBytes(b, off, len);
        if (n < len) {
            if (n == 0 && off == 0)
                throw new DicomParseException("data set ends in the middle of an element header", pos);
            throw new DicomParseException("data set ends in the middle of an element header", pos + n);
        }
        pos += len;
    }

    private void skipFully(long len) throws IOException {
        long left = len;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) throw new DicomParseException("data set ends inside bulk data", pos + (len - left));
                s = 1;
            }
            left -= s;
        }
        pos += len;
    }
}
