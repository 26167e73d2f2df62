package org.fluorovault.dicom.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.BulkDataRef;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.image.FrameDecodeException.Reason;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;

/**
 * The frames of one stored grayscale object, decoded one at a time on request. Pixel data stays
 * on disk (as the reader's bulk-data references) until a frame is asked for, so memory holds one
 * frame per call, not the run.
 *
 * <p>Decodes native pixel data (8/16 bits allocated, signed or unsigned, little or big endian),
 * RLE Lossless (PS3.5 Annex G), JPEG lossless (.57, .70) with the toolkit's own decoder, JPEG
 * baseline (.50) and extended (.51) through ImageIO (the TwelveMonkeys JPEG plugin when present). Everything else fails with
 * {@link Reason#UNSUPPORTED_TRANSFER_SYNTAX}.
 *
 * <pre>{@code
 * FrameSource src = FrameSource.open(file);
 * Frame last = src.frame(src.format().frames() - 1);
 * }</pre>
 *
 * <p>{@link #frame} may be called from several threads at once (each call reads its own bytes).
 */
public final class FrameSource {
    private final Attributes dataset;
    private final String transferSyntaxUid;
    private final PixelFormat format;
    private final FrameCodec codec;
    private final Object pixelData;

    private FrameSource(Attributes dataset, String transferSyntaxUid) throws FrameDecodeException {
        this.dataset = dataset;
        this.transferSyntaxUid = transferSyntaxUid;
        this.codec = FrameCodec.of(transferSyntaxUid);
        this.format = PixelFormat.of(dataset);
        this.pixelData =
                dataset.contains(Tag.PixelData) ? dataset.get(Tag.PixelData).value() : null;
        checkLength();
    }

    /** Reads the header of a Part-10 file, keeping the pixel data on disk. */
    public static FrameSource open(Path file) throws FrameDecodeException {
        Attributes fmi = new Attributes();
        Attributes ds;
        try (InputStream in = Files.newInputStream(file);
                DicomReader r = new DicomReader(in, file).bulkMode(DicomReader.BulkMode.REFERENCE)) {
            ds = r.readFile(fmi);
        } catch (IOException e) {
            throw new FrameDecodeException(
                    Reason.CORRUPT_PIXEL_DATA, "cannot read the stored object: " + e.getMessage(), e);
        }
        return new FrameSource(ds, fmi.getString(0x00020010));
    }

    /** A data set already read (pixel data in memory, or as bulk-data references). */
    public static FrameSource of(Attributes dataset, String transferSyntaxUid) throws FrameDecodeException {
        return new FrameSource(dataset, transferSyntaxUid);
    }

    public PixelFormat format() {
        return format;
    }

    public Attributes attributes() {
        return dataset;
    }

    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    public int frameCount() {
        return format.frames();
    }

    /** Decodes frame {@code index} (0-based). */
    public Frame frame(int index) throws FrameDecodeException {
        if (index < 0 || index >= format.frames()) {
            throw new FrameDecodeException(
                    Reason.FRAME_OUT_OF_RANGE,
                    "frame " + (index + 1) + " does not exist; the object has " + format.frames() + " frame(s)");
        }
        try {
            int[] values = codec == FrameCodec.NATIVE
                    ? NativeDecoder.decode(nativeFrameBytes(index), format, bigEndian())
                    : codec == FrameCodec.RLE
                            ? RleDecoder.decode(compressedFrame(index), format)
                            : codec == FrameCodec.JPEG_LOSSLESS
                                    ? JpegLosslessDecoder.decodeFrame(compressedFrame(index), format)
                                    : JpegDecoder.decode(compressedFrame(index), format);
            return new Frame(index, format.columns(), format.rows(), values);
        } catch (FrameDecodeException e) {
            throw new FrameDecodeException(e.reason(), "frame " + (index + 1) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FrameDecodeException(
                    Reason.CORRUPT_PIXEL_DATA, "cannot read frame " + (index + 1) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new FrameDecodeException(Reason.CORRUPT_PIXEL_DATA, "frame " + (index + 1) + " is damaged: " + e, e);
        }
    }

    private boolean bigEndian() {
        return TransferSyntax.of(transferSyntaxUid).bigEndian();
    }

    private void checkLength() throws FrameDecodeException {
        if (pixelData == null)
            throw new FrameDecodeException(Reason.INCONSISTENT_PIXEL_DATA, "the object has no pixel data");
        if (codec == FrameCodec.NATIVE) {
            long length = lengthOf(pixelData);
            long needed = format.nativeFrameLength() * format.frames();
            if (length == 0) throw new FrameDecodeException(Reason.INCONSISTENT_PIXEL_DATA, "the pixel data is empty");
            if (pixelData instanceof Fragments) {
                throw new FrameDecodeException(
                        Reason.INCONSISTENT_PIXEL_DATA, "native transfer syntax but encapsulated pixel data");
            }
            if (length < needed) {
                throw new FrameDecodeException(
                        Reason.INCONSISTENT_PIXEL_DATA,
                        "Rows x Columns x Number of Frames ("
                                + format.rows() + " x " + format.columns() + " x " + format.frames() + " at "
                                + format.bitsAllocated()
                                + " bits) needs " + needed + " bytes, the pixel data has " + length);
            }
        } else {
            if (!(pixelData instanceof Fragments f)) {
                throw new FrameDecodeException(
                        Reason.INCONSISTENT_PIXEL_DATA, "compressed transfer syntax but native pixel data");
            }
            long total = 0;
            for (int i = 1; i < f.size(); i++) total += f.itemLength(i);
            if (total == 0)
                throw new FrameDecodeException(Reason.INCONSISTENT_PIXEL_DATA, "the pixel data has no fragments");
        }
    }

    private byte[] nativeFrameBytes(int index) throws IOException {
        long len = format.nativeFrameLength();
        return read(pixelData, index * len, len);
    }

    /** The bytes of one compressed frame: one fragment per frame, the Basic Offset Table, or all for one frame. */
    private byte[] compressedFrame(int index) throws IOException, FrameDecodeException {
        Fragments f = (Fragments) pixelData;
        int fragments = f.size() - 1;
        List<Integer> items = new ArrayList<>();
        long[] bot = f.basicOffsetTable();
        if (fragments == format.frames()) {
            items.add(index + 1);
        } else if (format.frames() == 1) {
            for (int i = 1; i <= fragments; i++) items.add(i);
        } else if (bot.length == format.frames()) {
            long start = bot[index], end = index + 1 < bot.length ? bot[index + 1] : Long.MAX_VALUE, at = 0;
            for (int i = 1; i <= fragments; i++) {
                if (at >= start && at < end) items.add(i);
                at += 8 + f.itemLength(i);
            }
        } else {
            items = jpegFrameBySoi(f, index);
        }
        if (items.isEmpty()) {
            throw new FrameDecodeException(
                    Reason.INCONSISTENT_PIXEL_DATA,
                    "cannot find the fragments of frame " + (index + 1) + " (" + fragments + " fragments, "
                            + format.frames() + " frames, no usable Basic Offset Table)");
        }
        long total = 0;
        for (int i : items) total += f.itemLength(i);
        if (total > Integer.MAX_VALUE - 16)
            throw new FrameDecodeException(Reason.UNSUPPORTED_PIXEL_FORMAT, "frame larger than 2 GB");
        byte[] out = new byte[(int) total];
        int pos = 0;
        for (int i : items) {
            byte[] b = read(f.items().get(i), 0, f.itemLength(i));
            System.arraycopy(b, 0, out, pos, b.length);
            pos += b.length;
        }
        return out;
    }

    /** Without an offset table: a JPEG frame starts with a fragment that starts with SOI (FFD8). */
    private List<Integer> jpegFrameBySoi(Fragments f, int index) throws IOException {
        List<Integer> items = new ArrayList<>();
        if (codec != FrameCodec.JPEG && codec != FrameCodec.JPEG_LOSSLESS) return items;
        int frame = -1;
        for (int i = 1; i < f.size(); i++) {
            byte[] head = read(f.items().get(i), 0, Math.min(2, f.itemLength(i)));
            if (head.length == 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8) frame++;
            if (frame == index) items.add(i);
            else if (frame > index) break;
        }
        return items;
    }

    private static long lengthOf(Object value) {
        return value instanceof byte[] b ? b.length : value instanceof BulkDataRef r ? r.length() : 0;
    }

    /** {@code length} bytes at {@code offset} within an in-memory value or a bulk-data reference. */
    private static byte[] read(Object value, long offset, long length) throws IOException {
        if (value instanceof byte[] b) {
            byte[] out = new byte[(int) length];
            System.arraycopy(b, (int) offset, out, 0, (int) length);
            return out;
        }
        BulkDataRef ref = (BulkDataRef) value;
        if (offset + length > ref.length()) throw new IOException("read past the end of the pixel data");
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        try (FileChannel ch = FileChannel.open(ref.path(), StandardOpenOption.READ)) {
            long at = ref.offset() + offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at + buf.position());
                if (n < 0) throw new IOException("file ends inside the pixel data");
            }
        }
        return buf.array();
    }
}
