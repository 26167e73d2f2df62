package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Cuts a command or data set into PDVs as it is written: each time the buffer holds
 * {@code maxData} bytes and more arrive, the buffer goes out as one P-DATA-TF; {@link #close()}
 * sends the rest with the last-fragment bit. Never holds more than one PDU.
 */
final class PDataOutputStream extends OutputStream {

    /** Where the fragments go: data in {@code buf} after the header room, {@code length} bytes. */
    interface Sink {
        void pdv(int pcid, boolean command, boolean last, byte[] buf, int length) throws IOException;
    }

    private final Sink sink;
    private final int pcid;
    private final boolean command;
    private final byte[] buf;
    private int count;
    private boolean closed;

    /** @param buf buffer whose size minus {@link PduEncoder#PDATA_OVERHEAD} is the fragment size */
    PDataOutputStream(Sink sink, int pcid, boolean command, byte[] buf) {
        if (buf.length <= PduEncoder.PDATA_OVERHEAD) {
            throw new IllegalArgumentException("buffer too small");
        }
        this.sink = sink;
        this.pcid = pcid;
        this.command = command;
        this.buf = buf;
        this.count = PduEncoder.PDATA_OVERHEAD;
    }

    @Override
    public void write(int b) throws IOException {
        ensureRoom();
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            ensureRoom();
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    private void ensureRoom() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (count == buf.length) {
            sink.pdv(pcid, command, false, buf, count - PduEncoder.PDATA_OVERHEAD);
            count = PduEncoder.PDATA_OVERHEAD;
        }
    }

    /** Sends the last fragment. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sink.pdv(pcid, command, true, buf, count - PduEncoder.PDATA_OVERHEAD);
        }
    }
}
