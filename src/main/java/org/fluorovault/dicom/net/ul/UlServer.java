package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ServerSocketFactory;

/**
 * The acceptor: one accept thread, and for each connection one pooled thread that negotiates and
 * then reads the association until it ends. Limits, so that idle connections cannot lock peers out:
 * <ul>
 * <li>a connection that has not sent its A-ASSOCIATE-RQ holds a <em>pending</em> place (at most
 *     {@code maxAssociations} of them) and is closed when ARTIM expires
 *     ({@link AssociationParams#artimMillis()}); with every pending place taken a new connection is
 *     closed at once;</li>
 * <li>an association slot ({@code maxAssociations}) is taken only once the A-ASSOCIATE-RQ has
 *     arrived; with none free the request is answered A-ASSOCIATE-RJ 2/3/2 (local limit exceeded);</li>
 * <li>at most {@link #limitPerAddress} connections from one IP address, pending or associated; a
 *     further one is closed at once.</li>
 * </ul>
 */
public final class UlServer {

    public static final int DEFAULT_MAX_ASSOCIATIONS = 32;
    private static final System.Logger LOG = System.getLogger(UlServer.class.getName());
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final AssociationParams params;
    private final AssociationPolicy policy;
    private final Function<Association, DimseReceiver> receivers;
    private final int maxAssociations;
    private final Semaphore slots;
    /** Connections that have not yet been answered an A-ASSOCIATE-RQ (ARTIM running): as many as associations. */
    private final Semaphore pending;

    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private volatile int maxPerAddress = Integer.MAX_VALUE;
    private final Set<PduChannel> channels = ConcurrentHashMap.newKeySet();
    private final Set<Association> associations = ConcurrentHashMap.newKeySet();
    private volatile Runnable overLimitListener = () -> {};
    private volatile Runnable connectionEndListener = () -> {};
    private ServerSocket serverSocket;
    private ThreadPoolExecutor pool;

    public UlServer(
            AssociationParams params,
            AssociationPolicy policy,
            Function<Association, DimseReceiver> receivers,
            int maxAssociations) {
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("maxAssociations must be positive: " + maxAssociations);
        }
        this.params = Objects.requireNonNull(params, "params");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.receivers = Objects.requireNonNull(receivers, "receivers");
        this.maxAssociations = maxAssociations;
        this.slots = new Semaphore(maxAssociations);
        this.pending = new Semaphore(maxAssociations);
    }

    public UlServer(
            AssociationParams params, AssociationPolicy policy, Function<Association, DimseReceiver> receivers) {
        this(params, policy, receivers, DEFAULT_MAX_ASSOCIATIONS);
    }

    /**
     * At most this many connections (associated or not) from one IP address; a further one is
     * closed at once. Set before {@link #start}.
     */
    public UlServer limitPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("limit per address must be positive: " + max);
        }
        this.maxPerAddress = max;
        return this;
    }

    /** Binds and starts accepting; returns the bound port (useful with port 0). */
    public synchronized int start(InetAddress bindAddress, int port, ServerSocketFactory factory) throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket ss = factory.createServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bindAddress, port), 50);
        int bound = ss.getLocalPort();
        // one thread per established association plus one per connection still negotiating
        pool = new ThreadPoolExecutor(
                2 * maxAssociations,
                2 * maxAssociations,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                threads("ul-" + bound + "-assoc-"));
        pool.allowCoreThreadTimeOut(true);
        serverSocket = ss;
        Thread acceptor = new Thread(() -> acceptLoop(ss), "ul-" + bound + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(
                Level.INFO,
                "accepting DICOM associations on {0}:{1} (at most {2})",
                ss.getInetAddress().getHostAddress(),
                String.valueOf(bound),
                String.valueOf(maxAssociations));
        return bound;
    }

    public int start(InetAddress bindAddress, int port) throws IOException {
        return start(bindAddress, port, ServerSocketFactory.getDefault());
    }

    /** Stops accepting, aborts the open associations and waits briefly for their threads. */
    public void stop() {
        ServerSocket ss;
        ThreadPoolExecutor p;
        synchronized (this) {
            ss = serverSocket;
            p = pool;
            serverSocket = null; // stopped servers may be started again
            pool = null;
        }
        if (ss == null) {
            return;
        }
        try {
            ss.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing server socket: {0}", e.getMessage());
        }
        associations.forEach(Association::abort);
        channels.forEach(PduChannel::close);
        p.shutdown();
        try {
            p.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "stopped accepting on port {0}", String.valueOf(ss.getLocalPort()));
    }

    /** Called (on the accept thread, so keep it short) for each connection refused over the limit. */
    public void onOverLimit(Runnable listener) {
        this.overLimitListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * True while a connection is being served, from its acceptance (before the A-ASSOCIATE-AC, so
     * before the peer can send anything) until its slot is given back, which is just before the
     * receiver's {@code onClosed}. With the receivers' own count this tells when nothing is in
     * progress: a connection counts here before its receiver exists.
     */
    public boolean busy() {
        return !channels.isEmpty();
    }

    /** Called whenever a connection stops counting in {@link #busy()}. */
    public void onConnectionEnd(Runnable listener) {
        this.connectionEndListener = Objects.requireNonNull(listener, "listener");
    }

    private void forget(PduChannel channel) {
        channels.remove(channel);
        connectionEndListener.run();
    }

    /** The associations currently established. */
    public List<Association> associations() {
        return List.copyOf(associations);
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            Socket socket;
            try {
                socket = ss.accept();
            } catch (IOException e) {
                if (!ss.isClosed()) {
                    LOG.log(Level.WARNING, "accept failed: {0}", e.getMessage());
                }
                continue;
            }
            dispatch(socket);
        }
    }

    private void dispatch(Socket socket) {
        String host =
                socket.getInetAddress() == null ? "?" : socket.getInetAddress().getHostAddress();
        if (!claimAddress(host)) {
            LOG.log(
                    Level.WARNING,
                    "{0}: {1} connections from this address are open already, closing the new one",
                    host,
                    String.valueOf(maxPerAddress));
            overLimitListener.run();
            close(socket);
            return;
        }
        if (!pending.tryAcquire()) {
            LOG.log(
                    Level.WARNING,
                    "{0}: {1} connections are waiting for their A-ASSOCIATE-RQ already, closing the new one",
                    host,
                    String.valueOf(maxAssociations));
            overLimitListener.run();
            releaseAddress(host);
            close(socket);
            return;
        }
        PduChannel channel;
        try {
            channel = new PduChannel(socket, params.maxPduLength());
        } catch (IOException e) {
            pending.release();
            releaseAddress(host);
            close(socket);
            return;
        }
        channels.add(channel);
        AtomicBoolean slotHeld = new AtomicBoolean();
        AtomicBoolean freed = new AtomicBoolean();
        Runnable free = () -> {
            if (freed.compareAndSet(false, true)) {
                if (slotHeld.compareAndSet(true, false)) {
                    slots.release();
                }
                releaseAddress(host);
                forget(channel);
            }
        };
        try {
            pool.execute(() -> {
                try {
                    serve(channel, slotHeld, free);
                } finally {
                    free.run();
                }
            });
        } catch (RejectedExecutionException e) { // stopping
            pending.release();
            free.run();
            channel.close();
        }
    }

    private boolean claimAddress(String host) {
        boolean[] claimed = {false};
        perAddress.compute(host, (h, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerAddress) {
                return n;
            }
            claimed[0] = true;
            return count + 1;
        });
        return claimed[0];
    }

    private void releaseAddress(String host) {
        perAddress.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
    }

    /**
     * Negotiates and reads the association. Until the A-ASSOCIATE-RQ is answered the connection
     * holds a pending place only; an association slot is taken when the request has arrived (none
     * free: A-ASSOCIATE-RJ 2/3/2, local limit exceeded) and {@code free} gives it back before
     * onClosed runs.
     */
    private void serve(PduChannel channel, AtomicBoolean slotHeld, Runnable free) {
        AssociationPolicy gate = new AssociationPolicy() {
            @Override
            public Decision decide(AAssociateRq rq, String remoteHost) {
                return decide(rq, TransportPeer.plain(remoteHost));
            }

            @Override
            public Decision decide(AAssociateRq rq, TransportPeer peer) {
                if (!slots.tryAcquire()) {
                    LOG.log(
                            Level.WARNING,
                            "{0}: association limit {1} reached, rejecting",
                            peer.host(),
                            String.valueOf(maxAssociations));
                    overLimitListener.run();
                    return Decision.reject(RejectReason.LOCAL_LIMIT_EXCEEDED);
                }
                slotHeld.set(true);
                Decision d;
                try {
                    d = policy.decide(rq, peer);
                } catch (RuntimeException e) {
                    releaseSlot(slotHeld);
                    throw e;
                }
                if (d instanceof Decision.Reject) {
                    releaseSlot(slotHeld);
                }
                return d;
            }
        };
        Association assoc;
        try {
            assoc = Acceptor.negotiate(channel, params, gate);
        } finally {
            pending.release();
        }
        if (assoc == null) {
            return;
        }
        associations.add(assoc);
        assoc.onEnd(() -> {
            associations.remove(assoc);
            free.run();
        });
        DimseReceiver receiver;
        try {
            receiver = receivers.apply(assoc);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, assoc.name() + ": no receiver, aborting", e);
            receiver = (a, pc, cmd) -> {};
            assoc.abortLocally(AAbort.byUser(), e);
        }
        assoc.run(receiver);
    }

    private void releaseSlot(AtomicBoolean slotHeld) {
        if (slotHeld.compareAndSet(true, false)) {
            slots.release();
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
