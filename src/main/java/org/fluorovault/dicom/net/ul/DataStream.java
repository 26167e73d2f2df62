package org.fluorovault.dicom.net.ul;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The data set of the message being delivered: the data PDVs on its presentation context, as one
 * stream that ends after the PDV with the last-fragment bit. Pulls PDUs through the reader as it
 * is read; a command PDV or a PDV on another context before the end is a protocol error.
 */
final class DataStream extends InputStream {

    private final AssociationReader reader;
    private final int pcid;
    private byte[] fragment = new byte[0];
    private int pos;
    private boolean lastSeen;
    private IOException failure;
    private boolean opened;

    DataStream(AssociationReader reader, int pcid) {
        this.reader = reader;
        this.pcid = pcid;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return fragment[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, fragment.length - pos);
        System.arraycopy(fragment, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return fragment.length - pos;
    }

    /** Does not drain: the reader drains what is left once the receiver returns. */
    @Override
    public void close() {}

    /** Reads and discards the rest of the data set. */
    void drain() throws IOException {
        while (fill()) {
            pos = fragment.length;
        }
    }

    /** Marks the stream as handed to the receiver. */
    DataStream open() {
        opened = true;
        return this;
    }

    boolean opened() {
        return opened;
    }

    IOException failure() {
        return failure;
    }

    /** True once bytes are available, false at the end of the data set. */
    private boolean fill() throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (pos == fragment.length) {
            if (lastSeen) {
                return false;
            }
            next();
        }
        return true;
    }

    private void next() throws IOException {
        Pdv pdv = reader.nextPdv();
        if (pdv == null) {
            failure = reader.endCause() instanceof IOException e
                    ? e
                    : new EOFException("association ended inside a data set");
        } else if (pdv.command() || pdv.pcid() != pcid) {
            failure = new UlProtocolException(
                    AbortReason.UNEXPECTED_PDU_PARAMETER,
                    (pdv.command() ? "command" : "data") + " PDV on presentation context " + pdv.pcid()
                            + " inside the data set on " + pcid);
        } else {
            fragment = pdv.data();
            pos = 0;
            lastSeen = pdv.last();
            return;
        }
        throw failure;
    }
}
