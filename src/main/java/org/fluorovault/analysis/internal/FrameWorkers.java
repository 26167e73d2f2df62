package org.fluorovault.analysis.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.fluorovault.dicom.image.FrameDecodeException;

/**
 * Per-frame work of a run on a small shared pool of daemon threads, one per processor. At most
 * {@link #WINDOW} frames are in flight at a time, so a run's full-resolution frames never all sit
 * in memory together; results come back in frame order, so the analysis sees exactly what a
 * single thread would have computed. The pool is shared by all analyses, which bounds their CPU use.
 */
final class FrameWorkers {
    /** Work on one frame, by index. */
    interface FrameTask<T> {
        T apply(int frame) throws FrameDecodeException;
    }

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Frames submitted and not yet taken back. */
    static final int WINDOW = 2 * THREADS;

    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "fv-analysis-frames-" + SERIAL.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private FrameWorkers() {}

    /** {@code task} applied to frames {@code from} (inclusive) to {@code to} (exclusive), in frame order. */
    static <T> List<T> map(int from, int to, FrameTask<T> task) throws FrameDecodeException {
        List<T> results = new ArrayList<>(Math.max(0, to - from));
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        int next = from;
        try {
            while (next < to || !inFlight.isEmpty()) {
                while (next < to && inFlight.size() < WINDOW) {
                    int frame = next++;
                    inFlight.add(POOL.submit(() -> task.apply(frame)));
                }
                results.add(inFlight.poll().get());
            }
            return results;
        } catch (ExecutionException e) {
            inFlight.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof FrameDecodeException fde) throw fde;
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            inFlight.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException("analysis interrupted while frames were being processed");
        }
    }
}
