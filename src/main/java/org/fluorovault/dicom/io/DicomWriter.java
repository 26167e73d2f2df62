package org.fluorovault.dicom.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.BulkDataRef;
import org.fluorovault.dicom.data.ByteUtils;
import org.fluorovault.dicom.data.Fragments;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.VR;

/**
 * Writes Part-10 files and bare data sets. Sequences and items are written with undefined
 * length; group length elements of the data set (retired) are left out; binary values held
 * little endian are swapped for explicit VR big endian.
 */
public final class DicomWriter implements AutoCloseable {
    private OutputStream out;
    private final OutputStream raw;
    private DeflaterOutputStream deflater;
    private boolean explicitVR = true;
    private boolean bigEndian;
    private final byte[] hdr = new byte[12];

    public DicomWriter(OutputStream out) {
        this.raw = out;
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 65536);
    }

    /** Writes the preamble, "DICM" and group 0002 with a computed (0002,0000) group length. */
    public void writeFileMetaInformation(Attributes fmi) throws IOException {
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        explicitVR = true;
        bigEndian = false;
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        OutputStream saved = out;
        out = group;
        for (Attributes.Element e : fmi.elements()) {
            if (Tag.group(e.tag()) == 0x0002 && e.tag() != 0x00020000) writeElement(e, fmi);
        }
        out = saved;
        byte[] len = new byte[4];
        ByteUtils.putInt32LE(len, 0, group.size());
        writeHeader(0x00020000, VR.UL, 4);
        out.write(len);
        group.writeTo(out);
    }

    /** Writes a whole Part-10 file: file meta information, then the data set in its transfer syntax. */
    public void writeFile(Attributes fmi, Attributes dataset) throws IOException {
        writeFileMetaInformation(fmi);
        writeDataset(dataset, TransferSyntax.of(fmi.getString(0x00020010)));
    }

    public void writeDataset(Attributes ds, TransferSyntax ts) throws IOException {
        explicitVR = ts.explicitVR();
        bigEndian = ts.bigEndian();
        if (ts.deflated() && deflater == null) {
            out.flush();
            deflater = new DeflaterOutputStream(raw, new Deflater(Deflater.DEFAULT_COMPRESSION, true), 65536);
            out = new BufferedOutputStream(deflater, 65536);
        }
        writeItemContent(ds, true);
    }

    /** Writes the command set of a DIMSE message: implicit VR LE with (0000,0000) computed. */
    public static byte[] encodeCommand(Attributes cmd) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(256);
            DicomWriter w = new DicomWriter(body);
            w.explicitVR = false;
            for (Attributes.Element e : cmd.elements()) {
                if (e.tag() != 0x00000000) w.writeElement(e, cmd);
            }
            w.out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream(body.size() + 12);
            DicomWriter g = new DicomWriter(all);
            g.explicitVR = false;
            byte[] len = new byte[4];
            ByteUtils.putInt32LE(len, 0, body.size());
            g.writeHeader(0x00000000, VR.UL, 4);
            g.out.write(len);
            g.out.flush();
            body.writeTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeItemContent(Attributes ds, boolean topLevel) throws IOException {
        for (Attributes.Element e : ds.elements()) {
            int tag = e.tag();
            if (topLevel && Tag.group(tag) == 0x0002) continue; // file meta belongs to the header
            if (Tag.isGroupLength(tag) && Tag.group(tag) > 0x0002) continue;
            writeElement(e, ds);
        }
    }

    private void writeElement(Attributes.Element e, Attributes owner) throws IOException {
        int tag = e.tag();
        VR vr = e.vr();
        Object v = e.value();
        if (v instanceof Sequence seq) {
            writeHeader(tag, VR.SQ, -1);
            for (Attributes item : seq) {
                writeTagLength(Tag.Item, -1);
                writeItemContent(item, false);
                writeTagLength(Tag.ItemDelimitationItem, 0);
            }
            writeTagLength(Tag.SequenceDelimitationItem, 0);
        } else if (v instanceof Fragments f) {
            writeHeader(tag, vr == VR.OW ? VR.OW : VR.OB, -1);
            for (Object item : f.items()) {
                if (item instanceof byte[] b) {
                    writeTagLength(Tag.Item, b.length + (b.length & 1));
                    out.write(b);
                    if ((b.length & 1) == 1) out.write(0);
                } else {
                    BulkDataRef r = (BulkDataRef) item;
                    writeTagLength(Tag.Item, (int) (r.length() + (r.length() & 1)));
                    copy(r);
                    if ((r.length() & 1) == 1) out.write(0);
                }
            }
            writeTagLength(Tag.SequenceDelimitationItem, 0);
        } else if (v instanceof BulkDataRef r) {
            long len = r.length();
            if (len > 0xfffffffeL) throw new IOException("value too long for DICOM: " + len);
            writeHeader(tag, vr, (int) (len + (len & 1)));
            if (bigEndian && vr.swapsBytes()) throw new IOException("bulk data cannot be written big endian");
            copy(r);
            if ((len & 1) == 1) out.write(0);
        } else {
            byte[] b = v == null ? new byte[0] : (byte[]) v;
            int len = b.length + (b.length & 1);
            VR wvr = vr;
            if (explicitVR && !vr.longLength() && len > 0xfffe) wvr = VR.UN; // does not fit a 16-bit length
            writeHeader(tag, wvr, len);
            if (bigEndian && vr.swapsBytes()) {
                byte[] c = b.clone();
                ByteUtils.swap(c, vr == VR.AT ? 2 : vr.unitSize());
                out.write(c);
            } else {
                out.write(b);
            }
            if ((b.length & 1) == 1) out.write(vr.padding());
        }
    }

    private void copy(BulkDataRef r) throws IOException {
        try (FileChannel ch = FileChannel.open(r.path(), StandardOpenOption.READ)) {
            ch.position(r.offset());
            InputStream is = Channels.newInputStream(ch);
            byte[] buf = new byte[65536];
            long left = r.length();
            while (left > 0) {
                int n = is.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new IOException("bulk data file " + r.path() + " is shorter than its reference");
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private void writeTagLength(int tag, int len) throws IOException {
        putTag(tag);
        putInt32(4, len);
        out.write(hdr, 0, 8);
    }

    private void writeHeader(int tag, VR vr, int len) throws IOException {
        putTag(tag);
        if (!explicitVR || Tag.group(tag) == 0xFFFE) {
            putInt32(4, len);
            out.write(hdr, 0, 8);
            return;
        }
        hdr[4] = (byte) vr.name().charAt(0);
        hdr[5] = (byte) vr.name().charAt(1);
        if (vr.longLength()) {
            hdr[6] = 0;
            hdr[7] = 0;
            putInt32(8, len);
            out.write(hdr, 0, 12);
        } else {
            if (bigEndian) {
                hdr[6] = (byte) (len >> 8);
                hdr[7] = (byte) len;
            } else {
                hdr[6] = (byte) len;
                hdr[7] = (byte) (len >> 8);
            }
            out.write(hdr, 0, 8);
        }
    }

    private void putTag(int tag) {
        int g = tag >>> 16, el = tag & 0xffff;
        if (bigEndian) {
            hdr[0] = (byte) (g >> 8);
            hdr[1] = (byte) g;
            hdr[2] = (byte) (el >> 8);
            hdr[3] = (byte) el;
        } else {
            hdr[0] = (byte) g;
            hdr[1] = (byte) (g >> 8);
            hdr[2] = (byte) el;
            hdr[3] = (byte) (el >> 8);
        }
    }

    private void putInt32(int off, int v) {
        if (bigEndian) {
            hdr[off] = (byte) (v >> 24);
            hdr[off + 1] = (byte) (v >> 16);
            hdr[off + 2] = (byte) (v >> 8);
            hdr[off + 3] = (byte) v;
        } else {
            ByteUtils.putInt32LE(hdr, off, v);
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and finishes deflation, without closing the underlying stream. */
    public void finish() throws IOException {
        out.flush();
        if (deflater != null) deflater.finish();
        raw.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        raw.close();
    }
}
