package org.fluorovault.dicom.net.ul;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One transport connection carrying PDUs: reads on the reader thread only, writes whole PDUs under
 * a lock so that PDUs from several threads never interleave. PDU dumps are logged at DEBUG.
 */
final class PduChannel implements Closeable {

    private static final System.Logger LOG = System.getLogger(PduChannel.class.getName());
    /** How long an A-ABORT waits for a PDU another thread is writing. */
    private static final long ABORT_LOCK_WAIT_MILLIS = 2000;

    private final Socket socket;
    private final PduDecoder decoder;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    /**
     * Holds a small PDU that another follows at once (a command before its data set), so that both
     * leave in one segment; larger writes go straight to the socket.
     */
    private static final int COALESCE_BUFFER = 8192;

    private volatile String label;

    PduChannel(Socket socket, int maxPduLength) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.decoder = new PduDecoder(new BufferedInputStream(QuickAckInputStream.of(socket), 16384), maxPduLength);
        this.out = new BufferedOutputStream(socket.getOutputStream(), COALESCE_BUFFER);
        this.label = String.valueOf(socket.getRemoteSocketAddress());
    }

    void label(String label) {
        this.label = label;
    }

    String remoteHost() {
        return socket.getInetAddress() == null ? "?" : socket.getInetAddress().getHostAddress();
    }

    /** The peer as the transport knows it; on TLS with the subject of its verified certificate, if any. */
    TransportPeer peer() {
        if (socket instanceof javax.net.ssl.SSLSocket ssl) {
            javax.security.auth.x500.X500Principal subject = null;
            try {
                if (ssl.getSession().getPeerPrincipal() instanceof javax.security.auth.x500.X500Principal p) {
                    subject = p;
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                // no client certificate
            }
            return new TransportPeer(remoteHost(), true, subject);
        }
        return TransportPeer.plain(remoteHost());
    }

    /** The next PDU, or null if the peer closed the connection between PDUs. */
    Pdu read() throws IOException {
        Pdu pdu = decoder.read();
        if (pdu != null && LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0} << {1}", label, pdu);
        }
        return pdu;
    }

    void send(Pdu pdu) throws IOException {
        byte[] bytes = PduEncoder.encode(pdu);
        writeLock.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            writeLock.unlock();
        }
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0} >> {1}", label, pdu);
        }
    }

    /**
     * Sends a P-DATA-TF with one PDV whose data sits in {@code buf} after
     * {@link PduEncoder#PDATA_OVERHEAD} bytes of room for the headers, in a single write. With
     * {@code flush} false a small PDU waits for the next one (which must follow at once, from the
     * same message) so that a response command and its data set travel together.
     */
    void sendPData(int pcid, boolean command, boolean last, byte[] buf, int dataLength, boolean flush)
            throws IOException {
        PduEncoder.putPDataHeader(buf, pcid, command, last, dataLength);
        writeLock.lock();
        try {
            out.write(buf, 0, PduEncoder.PDATA_OVERHEAD + dataLength);
            if (flush) out.flush();
        } finally {
            writeLock.unlock();
        }
        if (LOG.isLoggable(Level.TRACE)) {
            LOG.log(
                    Level.TRACE,
                    "{0} >> P-DATA-TF pcid {1} {2}{3} {4} bytes",
                    label,
                    String.valueOf(pcid),
                    command ? "command" : "data",
                    last ? " last" : "",
                    String.valueOf(dataLength));
        }
    }

    /** Best-effort send of an A-ABORT: gives up if another PDU stays stuck in the socket. */
    void trySend(AAbort abort) {
        try {
            if (writeLock.tryLock(ABORT_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    send(abort);
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: could not send {1}: {2}", label, abort, e.getMessage());
        }
    }

    /** Read timeout; 0 = none. */
    void timeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            // socket already closed: the next read says so
        }
    }

    /**
     * Sta13 after we sent an RJ, RP or A-ABORT: ARTIM runs while we wait for the peer to close the
     * transport (AR-5); PDUs are ignored (AA-6) or answered with A-ABORT (AA-7); on expiry we close
     * it ourselves (AA-2). A PDU that cannot be decoded ends the wait at once, since the stream
     * can no longer be followed. Returns in Sta1 with the transport closed.
     */
    void linger(Fsm fsm, int artimMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(artimMillis);
        while (fsm.state() == State.Sta13) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fsm.fire(Event.ARTIM_EXPIRED);
                break;
            }
            timeout((int) Math.min(left, Integer.MAX_VALUE));
            try {
                Pdu pdu = read();
                if (pdu == null) {
                    fsm.fire(Event.TRANSPORT_CLOSED);
                } else if (fsm.fire(Event.received(pdu)) == Action.AA_7) {
                    trySend(AAbort.byProvider(AbortReason.UNEXPECTED_PDU));
                }
            } catch (SocketTimeoutException e) {
                fsm.fire(Event.ARTIM_EXPIRED);
            } catch (UlProtocolException e) {
                if (fsm.fire(Event.INVALID_PDU) == Action.AA_7) {
                    trySend(AAbort.byProvider(e.reason()));
                }
                fsm.fire(Event.ARTIM_EXPIRED);
            } catch (IOException e) {
                fsm.fire(Event.TRANSPORT_CLOSED);
            }
        }
        close();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: close failed: {1}", label, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
