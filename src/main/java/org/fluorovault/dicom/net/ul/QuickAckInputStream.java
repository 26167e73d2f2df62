package org.fluorovault.dicom.net.ul;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import jdk.net.ExtendedSocketOptions;

/**
 * A socket's input that asks the kernel to acknowledge at once after every read (TCP_QUICKACK,
 * where the platform has it; Linux leaves quick-ack mode by itself, so it is set again each
 * time).
 *
 * <p>Why: a sender that keeps Nagle's algorithm on (dcmtk tools and many modalities do, unless
 * told otherwise) holds the P-DATA-TF of a small data set until its command PDU is acknowledged,
 * while a receiver that delays its acknowledgement waits up to 40 ms for data to piggyback it on.
 * Every small object then costs one delayed-ACK timeout: 2,000 tiny objects from {@code storescu}
 * took 103 s instead of 9 s.
 */
final class QuickAckInputStream extends FilterInputStream {
    private final Socket socket;
    private boolean enabled;

    private QuickAckInputStream(Socket socket) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.enabled = true;
    }

    /** The socket's input, re-arming quick acknowledgement if the platform supports it. */
    static java.io.InputStream of(Socket socket) throws IOException {
        if (!socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
            return socket.getInputStream();
        }
        QuickAckInputStream in = new QuickAckInputStream(socket);
        in.rearm();
        return in;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        rearm();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) rearm();
        return n;
    }

    private void rearm() {
        if (!enabled) return;
        try {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        } catch (IOException | UnsupportedOperationException e) {
            enabled = false; // the socket is closing, or the option went away: reads go on without it
        }
    }
}
