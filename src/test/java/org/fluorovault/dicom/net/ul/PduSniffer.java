package org.fluorovault.dicom.net.ul;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;

/** Follows the PDU headers in a byte stream and records each PDU's type and length. */
final class PduSniffer {

    record Seen(int type, long length) {}

    private final List<Seen> seen = new ArrayList<>();
    private final byte[] header = new byte[6];
    private int headerPos;
    private long bodyLeft;

    synchronized void bytes(byte[] b, int off, int len) {
        for (int i = off; i < off + len; ) {
            if (bodyLeft > 0) {
                int skip = (int) Math.min(bodyLeft, off + len - i);
                bodyLeft -= skip;
                i += skip;
                continue;
            }
            header[headerPos++] = b[i++];
            if (headerPos == 6) {
                headerPos = 0;
                bodyLeft = ((long) (header[2] & 0xFF) << 24)
                        | ((header[3] & 0xFF) << 16)
                        | ((header[4] & 0xFF) << 8)
                        | (header[5] & 0xFF);
                seen.add(new Seen(header[0] & 0xFF, bodyLeft));
            }
        }
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** A socket factory whose sockets feed what they send to {@code sent} and what they receive to {@code received}. */
    static SocketFactory tapping(PduSniffer sent, PduSniffer received) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new Socket() {
                    @Override
                    public InputStream getInputStream() throws IOException {
                        return new FilterInputStream(super.getInputStream()) {
                            @Override
                            public int read() throws IOException {
                                byte[] one = new byte[1];
                                int n = read(one, 0, 1);
                                return n < 0 ? -1 : one[0] & 0xFF;
                            }

                            @Override
                            public int read(byte[] b, int off, int len) throws IOException {
                                int n = super.read(b, off, len);
                                if (n > 0) {
                                    received.bytes(b, off, n);
                                }
                                return n;
                            }
                        };
                    }

                    @Override
                    public OutputStream getOutputStream() throws IOException {
                        return new FilterOutputStream(super.getOutputStream()) {
                            @Override
                            public void write(byte[] b, int off, int len) throws IOException {
                                sent.bytes(b, off, len);
                                out.write(b, off, len);
                            }

                            @Override
                            public void write(int b) throws IOException {
                                write(new byte[] {(byte) b}, 0, 1);
                            }
                        };
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(java.net.InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(
                    java.net.InetAddress address, int port, java.net.InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
