package org.fluorovault.common;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.fluorovault.dicom.data.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one way FluoroVault does work in the background (analysis, dose extraction, linking, the acquisition-time
 * backfill): named queues of keys, each bounded, served by its own daemon thread(s) in order. A full queue drops the
 * key and logs what becomes of that work; a failing handler is logged with its key and the queue goes on. At shutdown
 * (after the DICOM and HL7 listeners stop) the queues finish what is running, for at most 10 s.
 *
 * <p>{@link #awaitIdle} is the one way for tests (and orderly shutdown) to wait until queued work is done.
 */
@Component
public class BackgroundWork implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    private final List<LocalQueue> queues = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    /**
     * A new queue.
     *
     * @param name     thread name and log name, e.g. "analysis-on-receipt"
     * @param capacity keys waiting at most; more are dropped
     * @param coalesce a key already waiting is not queued twice
     * @param whenFull what becomes of dropped work, for the log ("left for on-demand analysis")
     * @param handler  does the work for one key; exceptions are logged
     */
    public WorkQueue queue(String name, int capacity, boolean coalesce, String whenFull, Consumer<String> handler) {
        LocalQueue q = new LocalQueue(name, Math.max(1, capacity), coalesce, whenFull, handler);
        queues.add(q);
        return q;
    }

    /**
     * Waits until the named queues (all when none are named) have no key waiting or running.
     *
     * @return false when the time ran out first
     */
    public boolean awaitIdle(long millis, String... names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Set<String> wanted = Set.of(names);
        for (LocalQueue q : queues) {
            if (!wanted.isEmpty() && !wanted.contains(q.name)) continue;
            if (!q.awaitIdle(deadline)) return false;
        }
        return true;
    }

    /** Starts the queues again after a stop (a paused test context is stopped and started; so may an operator). */
    @Override
    public void start() {
        for (LocalQueue q : queues) q.restart();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (LocalQueue q : queues) q.executor.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (LocalQueue q : queues) {
            try {
                if (!q.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    q.executor.shutdownNow(); // interrupts the handler: long jobs check for it and resume at the next
                    // start
                    LOG.info(
                            "background queue {} stopped with work left; it is not lost: it resumes from the index",
                            q.name);
                }
            } catch (InterruptedException e) {
                q.executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the listeners that feed it (DICOM node, HL7) and before the database closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private final class LocalQueue implements WorkQueue {
        private final String name;
        private final boolean coalesce;
        private final String whenFull;
        private final Consumer<String> handler;
        private final Set<String> waiting = ConcurrentHashMap.newKeySet();
        private final AtomicInteger outstanding = new AtomicInteger();
        private final Object idle = new Object();
        private final int capacity;
        private volatile ThreadPoolExecutor executor;

        LocalQueue(String name, int capacity, boolean coalesce, String whenFull, Consumer<String> handler) {
            this.name = name;
            this.capacity = capacity;
            this.coalesce = coalesce;
            this.whenFull = whenFull;
            this.handler = handler;
            this.executor = newExecutor();
        }

        private ThreadPoolExecutor newExecutor() {
            return new ThreadPoolExecutor(
                    1,
                    1,
                    0,
                    TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(capacity),
                    r -> {
                        Thread t = new Thread(r, name);
                        t.setDaemon(true);
                        return t;
                    },
                    new ThreadPoolExecutor.AbortPolicy());
        }

        synchronized void restart() {
            if (executor.isShutdown()) executor = newExecutor();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean submit(String key) {
            ThreadPoolExecutor executor = this.executor;
            if (executor.isShutdown()) return false;
            if (coalesce && !waiting.add(key)) return false;
            outstanding.incrementAndGet();
            try {
                executor.execute(() -> run(key));
                return true;
            } catch (java.util.concurrent.RejectedExecutionException e) {
                if (coalesce) waiting.remove(key);
                done();
                if (!executor.isShutdown())
                    LOG.warn("{} queue full: {} dropped, {}", name, LogSafe.escape(key), whenFull);
                return false;
            }
        }

        private void run(String key) {
            if (coalesce) waiting.remove(key);
            try {
                handler.accept(key);
            } catch (RuntimeException e) {
                LOG.warn("{}: {} failed", name, LogSafe.escape(key), e);
            } finally {
                done();
            }
        }

        private void done() {
            if (outstanding.decrementAndGet() == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }

        boolean awaitIdle(long deadline) throws InterruptedException {
            synchronized (idle) {
                while (outstanding.get() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return false;
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                }
                return true;
            }
        }
    }
}
