package org.fluorovault.linking;

import org.fluorovault.dicom.data.LogSafe;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fluorovault.archive.InstanceStored;
import org.fluorovault.procedure.ProcedureChanged;
import org.fluorovault.procedure.ProcedureService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the linker in the background, on one thread, for each study that receives a new series: the C-STORE never
 * waits, and the instances of a run do not each make the rules run again. Requests for one study coalesce. At start, studies that are neither linked nor queued (an
 * event lost in a crash) are caught up; when a procedure is created or changed, the waiting studies of its patient,
 * accession number or Study UID are tried again.
 */
@Component
public class LinkOnReceipt implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LinkOnReceipt.class);
    private final StudyLinker linker;
    private final ProcedureService procedures;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private volatile ExecutorService worker;

    public LinkOnReceipt(StudyLinker linker, ProcedureService procedures) {
        this.linker = linker;
        this.procedures = procedures;
    }

    /** Series already looked at since start: the rules see a study again only when a new series arrives. */
    private final Map<String, Boolean> seenSeries = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            });

    @EventListener
    public void onStored(InstanceStored event) {
        // the facts the rules use (patient, accession, date, modalities) change with a new series, not a new instance
        if (seenSeries.put(event.instance().seriesInstanceUid(), Boolean.TRUE) == null) {
            submit(event.instance().studyInstanceUid());
        }
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        linker.unseenStudies().forEach(this::submit);
    }

    /** A new or changed procedure may now match studies that waited: those of its patient, accession or Study UID. */
    @EventListener
    public void onProcedureChanged(ProcedureChanged event) {
        procedures.find(event.id()).ifPresent(p -> linker.retryCandidates(p.patient().id(),
                p.accessionNumber() == null ? "" : p.accessionNumber(), p.studyInstanceUid()).forEach(this::submit));
    }

    void submit(String studyUid) {
        ExecutorService w = worker;
        if (w == null || !pending.add(studyUid)) return;
        w.execute(() -> {
            pending.remove(studyUid);
            try {
                linker.evaluate(studyUid);
            } catch (RuntimeException e) {
                LOG.warn("linking study {} failed", LogSafe.escape(studyUid), e);
            }
        });
    }

    /** Waits until the studies submitted so far are done (one thread serves them in order). */
    public boolean awaitIdle(long millis) throws InterruptedException {
        ExecutorService w = worker;
        if (w == null) return true;
        Future<?> marker = w.submit(() -> { });
        try {
            marker.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "study-linker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void stop() {
        ExecutorService w = worker;
        worker = null;
        if (w != null) {
            w.shutdown();
            try {
                if (!w.awaitTermination(10, TimeUnit.SECONDS)) w.shutdownNow();
            } catch (InterruptedException e) {
                w.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        pending.clear();
        seenSeries.clear();
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
