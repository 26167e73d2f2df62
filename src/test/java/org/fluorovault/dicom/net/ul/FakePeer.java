package org.fluorovault.dicom.net.ul;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;

/** A scripted DICOM peer on a raw socket: sends bytes, reads whole PDUs as bytes or records. */
final class FakePeer implements Closeable {

    final Socket socket;
    private final DataInputStream in;

    FakePeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
    }

    static FakePeer connect(int port) throws IOException {
        return new FakePeer(new Socket("127.0.0.1", port));
    }

    FakePeer send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    FakePeer send(Pdu pdu) throws IOException {
        return send(PduEncoder.encode(pdu));
    }

    /** The next PDU, header included, as raw bytes. */
    byte[] readRaw() throws IOException {
        byte[] header = new byte[6];
        in.readFully(header);
        int length = ((header[2] & 0xFF) << 24)
                | ((header[3] & 0xFF) << 16)
                | ((header[4] & 0xFF) << 8)
                | (header[5] & 0xFF);
        byte[] pdu = new byte[6 + length];
        System.arraycopy(header, 0, pdu, 0, 6);
        in.readFully(pdu, 6, length);
        return pdu;
    }

    Pdu read() throws IOException {
        return PduDecoder.decode(readRaw());
    }

    /** True if the other side closes the connection (end of stream or reset) before the read timeout. */
    boolean closedByOtherSide() throws IOException {
        try {
            InputStream raw = in;
            return raw.read() < 0;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    /** Establishes an association with the golden A-ASSOCIATE-RQ and returns the AC. */
    AAssociateAc associate() throws IOException {
        send(GoldenPdus.RQ);
        return (AAssociateAc) read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
