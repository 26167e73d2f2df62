package org.fluorovault.dicom.net.dimse;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.net.ul.Association;

/**
 * The per-association side of {@link DimseDispatcher}: one worker thread (started on the first
 * operation) that runs {@link DimseOperation}s one after another, the running operations by
 * Message ID for C-CANCEL routing, and a {@link DimseClient} that receives the responses to
 * requests we send on the association.
 */
final class OperationRunner {
    private static final Logger LOG = System.getLogger(OperationRunner.class.getName());

    private final Association assoc;
    private final DimseClient client = new DimseClient();
    private final Map<Integer, OperationContext> running = new ConcurrentHashMap<>();
    private ExecutorService worker;
    private boolean closed;

    OperationRunner(Association assoc) {
        this.assoc = assoc;
        client.attach(assoc);
    }

    DimseClient client() {
        return client;
    }

    void submit(OperationContext ctx, DimseOperation op, CommandField field) {
        ExecutorService w;
        synchronized (this) {
            if (closed) return;
            if (worker == null) {
                worker = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "dimse-op-" + assoc.name());
                    t.setDaemon(true);
                    return t;
                });
            }
            w = worker;
        }
        running.put(ctx.messageId(), ctx);
        try {
            w.execute(() -> run(ctx, op, field));
        } catch (RejectedExecutionException e) {
            running.remove(ctx.messageId());
        }
    }

    private void run(OperationContext ctx, DimseOperation op, CommandField field) {
        Attributes cmd = ctx.command();
        try {
            op.perform(ctx);
        } catch (DimseException e) {
            LOG.log(
                    Level.WARNING,
                    "{0}: {1} #{2} failed with {3} {4}: {5}",
                    assoc.name(),
                    field,
                    String.valueOf(ctx.messageId()),
                    e.status(),
                    e.status().description(field),
                    e.getMessage());
            send(ctx, Commands.failure(cmd, e));
        } catch (Exception e) {
            if (!assoc.isOpen()) return;
            LOG.log(Level.ERROR, assoc.name() + ": " + field + " failed unexpectedly", e);
            send(
                    ctx,
                    Commands.failure(
                            cmd,
                            new DimseException(
                                    QueryRetrieveStatus.UNABLE_TO_PROCESS,
                                    "Unable to process: " + e.getClass().getSimpleName())));
        } finally {
            running.remove(ctx.messageId());
        }
    }

    private void send(OperationContext ctx, Attributes rsp) {
        try {
            ctx.respond(rsp, null);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "{0}: cannot send the failure response: {1}", assoc.name(), e.getMessage());
        }
    }

    /** Sets the cancel flag of the operation answering {@code messageId}; false if none runs. */
    boolean cancel(int messageId) {
        OperationContext ctx = running.get(messageId);
        if (ctx == null) return false;
        ctx.cancel();
        return true;
    }

    boolean isRunning(int messageId) {
        return running.containsKey(messageId);
    }

    void close(Throwable cause) {
        synchronized (this) {
            closed = true;
            if (worker != null) worker.shutdown();
        }
        running.values().forEach(OperationContext::cancel);
        client.onClosed(assoc, cause);
    }
}
