package org.fluorovault.audit.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.fluorovault.audit.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Appends events off the caller's thread, in submission order, on one thread. Stopping drains
 * the queue; while stopped (before start, after stop) events are appended on the caller's thread,
 * so none is lost. Stops after the DICOM node (lower phase) so the node's last events get in.
 */
@Component
public class AuditWriter implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    private final AuditStore store;
    private final Object lock = new Object();
    private ExecutorService executor;
    private Future<?> last;

    public AuditWriter(AuditStore store) {
        this.store = store;
    }

    public void submit(AuditEvent e) {
        synchronized (lock) {
            if (executor != null) {
                try {
                    last = executor.submit(() -> append(e));
                    return;
                } catch (RejectedExecutionException ignored) {
                    // shutting down: append here
                }
            }
        }
        append(e);
    }

    private void append(AuditEvent e) {
        try {
            store.append(e);
        } catch (RuntimeException ex) {
            LOG.error("audit event {} could not be recorded: {}", e.eventId().code(), ex.toString());
        }
    }

    /** Waits until every event submitted before this call is appended. */
    public void flush() throws InterruptedException {
        Future<?> f;
        synchronized (lock) {
            f = last;
        }
        if (f == null) return;
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            // append() logs its own failures
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (executor == null) {
                executor = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "audit-writer");
                    t.setDaemon(true);
                    return t;
                });
            }
        }
    }

    @Override
    public void stop() {
        ExecutorService ex;
        synchronized (lock) {
            ex = executor;
            executor = null;
        }
        if (ex == null) return;
        ex.shutdown();
        try {
            if (!ex.awaitTermination(30, TimeUnit.SECONDS)) LOG.error("audit writer did not drain in 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return executor != null;
        }
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
