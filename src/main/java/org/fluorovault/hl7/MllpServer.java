package org.fluorovault.hl7;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small MLLP server: one acceptor thread, one thread per connection from a pool of
 * {@code maxConnections} (a connection beyond it is closed at once), and for each frame the
 * handler's answer written back in a frame. Restartable: {@link #start} after {@link #stop} opens
 * a new socket and pool.
 */
final class MllpServer {
    private static final Logger LOG = LoggerFactory.getLogger(MllpServer.class);

    /** Turns a received frame (or a framing fault) into the bytes to answer; null to answer nothing. */
    interface Handler {
        byte[] answer(MllpFrameReader.Frame frame, String peer, java.net.InetAddress address);
    }

    private final Handler handler;
    private final int maxConnections;
    private final int maxMessageBytes;
    private final int idleTimeoutMillis;
    private volatile int maxPerAddress = Integer.MAX_VALUE;
    private volatile int firstByteMillis;
    private final java.util.Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger serial = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private ServerSocket server;
    private ExecutorService pool;
    private Thread acceptor;
    private Semaphore slots;

    MllpServer(Handler handler, int maxConnections, int maxMessageBytes, int idleTimeoutMillis) {
        this.handler = handler;
        this.maxConnections = maxConnections;
        this.maxMessageBytes = maxMessageBytes;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.firstByteMillis = idleTimeoutMillis;
    }

    /**
     * At most {@code perAddress} connections from one IP address (a further one is closed at once),
     * and a new connection must send its first byte within {@code firstByteMillis} or is closed, so
     * that idle sockets cannot hold the connection slots for the whole idle timeout. Set before
     * {@link #start}.
     */
    void limits(int perAddress, int firstByteMillis) {
        if (perAddress < 1 || firstByteMillis < 1) throw new IllegalArgumentException("limits must be positive");
        this.maxPerAddress = perAddress;
        this.firstByteMillis = firstByteMillis;
    }

    private boolean claim(String host) {
        boolean[] claimed = {false};
        perAddress.compute(host, (h, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerAddress) return n;
            claimed[0] = true;
            return count + 1;
        });
        return claimed[0];
    }

    private void unclaim(String host) {
        perAddress.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Listens on {@code port} (0: any free port) with server sockets from {@code sockets} (plain or
     * TLS; a TLS handshake happens on the connection's own thread) and returns the port bound.
     */
    synchronized int start(InetAddress bind, int port, javax.net.ServerSocketFactory sockets) throws IOException {
        if (server != null) return server.getLocalPort();
        ServerSocket s = sockets.createServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(bind, port), 50);
        server = s;
        slots = new Semaphore(maxConnections);
        pool = Executors.newFixedThreadPool(maxConnections, r -> {
            Thread t = new Thread(r, "hl7-mllp-" + serial.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ServerSocket listening = s;
        ExecutorService workers = pool;
        Semaphore free = slots;
        acceptor = new Thread(() -> accept(listening, workers, free), "hl7-mllp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return s.getLocalPort();
    }

    synchronized void stop() {
        if (server == null) return;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the HL7 server socket", e);
        }
        open.forEach(MllpServer::closeQuietly);
        pool.shutdown();
        try {
            acceptor.join(5000);
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        pool = null;
        acceptor = null;
    }

    private void accept(ServerSocket listening, ExecutorService workers, Semaphore free) {
        while (!listening.isClosed()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                if (!listening.isClosed()) LOG.warn("HL7 accept failed: {}", e.toString());
                continue;
            }
            String peer = socket.getRemoteSocketAddress().toString();
            String host = socket.getInetAddress().getHostAddress();
            if (!claim(host)) {
                LOG.warn(
                        "HL7 connection from {} refused: {} connections from this address are open",
                        peer,
                        maxPerAddress);
                closeQuietly(socket);
                continue;
            }
            if (!free.tryAcquire()) {
                LOG.warn("HL7 connection from {} refused: {} connections are open", peer, maxConnections);
                unclaim(host);
                closeQuietly(socket);
                continue;
            }
            open.add(socket);
            try {
                workers.execute(() -> {
                    try {
                        serve(socket, peer);
                    } finally {
                        closeQuietly(socket);
                        unclaim(host);
                        free.release();
                        closed(socket);
                    }
                });
            } catch (RuntimeException rejected) { // the pool is shutting down
                closeQuietly(socket);
                unclaim(host);
                free.release();
                closed(socket);
            }
        }
    }

    private void closed(Socket socket) {
        synchronized (idle) {
            open.remove(socket);
            idle.notifyAll();
        }
    }

    /** Waits up to {@code millis} until no connection is open (their slots free again); true when idle. */
    boolean awaitIdle(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (idle) {
            while (!open.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return false;
                idle.wait(left);
            }
            return true;
        }
    }

    private void serve(Socket socket, String peer) {
        try {
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            socket.setSoTimeout(Math.min(firstByteMillis, idleTimeoutMillis)); // on TLS this covers the handshake too
            in.mark(1);
            try {
                if (in.read() < 0) return;
            } catch (SocketTimeoutException e) {
                LOG.info(
                        "HL7 {}: nothing received within {} ms, closing",
                        peer,
                        Math.min(firstByteMillis, idleTimeoutMillis));
                return;
            }
            in.reset();
            socket.setSoTimeout(idleTimeoutMillis);
            var reader = new MllpFrameReader(in, maxMessageBytes);
            OutputStream out = socket.getOutputStream();
            for (MllpFrameReader.Frame f; (f = reader.next()) != null; ) {
                if (f.skipped() > 0) LOG.warn("HL7 {}: skipped {} bytes outside an MLLP frame", peer, f.skipped());
                byte[] answer = handler.answer(f, peer, socket.getInetAddress());
                if (answer != null) {
                    // one write: some peers take the first read as the whole answer
                    byte[] framed = new byte[answer.length + 3];
                    framed[0] = MllpFrameReader.START;
                    System.arraycopy(answer, 0, framed, 1, answer.length);
                    framed[framed.length - 2] = MllpFrameReader.END;
                    framed[framed.length - 1] = MllpFrameReader.CR;
                    out.write(framed);
                    out.flush();
                }
                if (f.fatal()) {
                    LOG.warn("HL7 {}: closing the connection: {}", peer, f.fault());
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.info("HL7 {}: idle for {} ms, closing", peer, idleTimeoutMillis);
        } catch (SocketException e) {
            LOG.debug("HL7 {}: connection closed: {}", peer, e.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("HL7 {}: connection failed: {}", peer, e.toString());
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing an HL7 connection", e);
        }
    }
}
