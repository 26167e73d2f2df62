package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
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
 * The acceptor: one accept thread, and for each connection one thread of a pool bounded by
 * {@code maxAssociations} that negotiates and then reads the association until it ends. A
 * connection beyond the limit is answered, on a small separate pool, with A-ASSOCIATE-RJ 2/3/2
 * (local limit exceeded) once its A-ASSOCIATE-RQ has arrived; if even that pool is busy it is
 * closed at once.
 */
public final class UlServer {

    public static final int DEFAULT_MAX_ASSOCIATIONS = 32;
    private static final System.Logger LOG = System.getLogger(UlServer.class.getName());
    private static final AssociationPolicy OVER_LIMIT = (rq, host) -> Decision.reject(RejectReason.LOCAL_LIMIT_EXCEEDED);
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final AssociationParams params;
    private final AssociationPolicy policy;
    private final Function<Association, DimseReceiver> receivers;
    private final int maxAssociations;
    private final Semaphore slots;
    private final Set<PduChannel> channels = ConcurrentHashMap.newKeySet();
    private final Set<Association> associations = ConcurrentHashMap.newKeySet();
    private volatile Runnable overLimitListener = () -> { };
    private volatile Runnable connectionEndListener = () -> { };
    private ServerSocket serverSocket;
    private ThreadPoolExecutor pool;
    private ThreadPoolExecutor rejectPool;

    public UlServer(AssociationParams params, AssociationPolicy policy, Function<Association, DimseReceiver> receivers,
                    int maxAssociations) {
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("maxAssociations must be positive: " + maxAssociations);
        }
        this.params = Objects.requireNonNull(params, "params");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.receivers = Objects.requireNonNull(receivers, "receivers");
        this.maxAssociations = maxAssociations;
        this.slots = new Semaphore(maxAssociations);
    }

    public UlServer(AssociationParams params, AssociationPolicy policy, Function<Association, DimseReceiver> receivers) {
        this(params, policy, receivers, DEFAULT_MAX_ASSOCIATIONS);
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
        pool = new ThreadPoolExecutor(maxAssociations, maxAssociations, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("ul-" + bound + "-assoc-"));
        pool.allowCoreThreadTimeOut(true);
        rejectPool = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),
                threads("ul-" + bound + "-reject-"));
        serverSocket = ss;
        Thread acceptor = new Thread(() -> acceptLoop(ss), "ul-" + bound + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(Level.INFO, "accepting DICOM associations on {0}:{1} (at most {2})",
                ss.getInetAddress().getHostAddress(), String.valueOf(bound), String.valueOf(maxAssociations));
        return bound;
    }

    public int start(InetAddress bindAddress, int port) throws IOException {
        return start(bindAddress, port, ServerSocketFactory.getDefault());
    }

    /** Stops accepting, aborts the open associations and waits briefly for their threads. */
    public void stop() {
        ServerSocket ss;
        ThreadPoolExecutor p;
        ThreadPoolExecutor rp;
        synchronized (this) {
            ss = serverSocket;
            p = pool;
            rp = rejectPool;
            serverSocket = null; // stopped servers may be started again
            pool = null;
            rejectPool = null;
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
        rp.shutdown();
        try {
            p.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            rp.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
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
        PduChannel channel;
        try {
            channel = new PduChannel(socket, params.maxPduLength());
        } catch (IOException e) {
            close(socket);
            return;
        }
        channels.add(channel);
        if (slots.tryAcquire()) {
            AtomicBoolean freed = new AtomicBoolean();
            Runnable free = () -> {
                if (freed.compareAndSet(false, true)) {
                    slots.release();
                    forget(channel);
                }
            };
            try {
                pool.execute(() -> {
                    try {
                        serve(channel, free);
                    } finally {
                        free.run();
                    }
                });
            } catch (RejectedExecutionException e) { // stopping
                free.run();
                channel.close();
            }
            return;
        }
        LOG.log(Level.WARNING, "{0}: association limit {1} reached, rejecting", channel.remoteHost(),
                String.valueOf(maxAssociations));
        overLimitListener.run();
        try {
            rejectPool.execute(() -> {
                try {
                    Acceptor.negotiate(channel, params, OVER_LIMIT);
                } finally {
                    forget(channel);
                }
            });
        } catch (RejectedExecutionException e) {
            forget(channel);
            channel.close();
        }
    }

    /** Negotiates and reads the association; {@code free} gives the slot back before onClosed runs. */
    private void serve(PduChannel channel, Runnable free) {
        Association assoc = Acceptor.negotiate(channel, params, policy);
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
            receiver = (a, pc, cmd) -> {
            };
            assoc.abortLocally(AAbort.byUser(), e);
        }
        assoc.run(receiver);
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
