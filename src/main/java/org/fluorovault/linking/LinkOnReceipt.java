package org.fluorovault.linking;

import java.util.Map;
import org.fluorovault.archive.InstanceStored;
import org.fluorovault.common.BackgroundWork;
import org.fluorovault.common.WorkQueue;
import org.fluorovault.procedure.ProcedureChanged;
import org.fluorovault.procedure.ProcedureService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the linker in the background ({@link BackgroundWork} queue {@value #QUEUE}, one thread) for each study that
 * receives a new series: the C-STORE never waits, and the instances of a run do not each make the rules run again.
 * Requests for one study coalesce. At start, studies that are neither linked nor queued (an event lost in a crash) are
 * caught up; when a procedure is created or changed, the waiting studies of its patient, accession number or Study UID
 * are tried again.
 */
@Component
public class LinkOnReceipt {
    public static final String QUEUE = "study-linker";
    private final StudyLinker linker;
    private final ProcedureService procedures;
    private final WorkQueue queue;

    public LinkOnReceipt(StudyLinker linker, ProcedureService procedures, BackgroundWork work) {
        this.linker = linker;
        this.procedures = procedures;
        // a study left out when full is caught up at the next start (unseenStudies)
        this.queue = work.queue(QUEUE, 100_000, true, "the study is linked at the next start", linker::evaluate);
    }

    /** Series already looked at since start: the rules see a study again only when a new series arrives. */
    private final Map<String, Boolean> seenSeries =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            });

    @EventListener
    public void onStored(InstanceStored event) {
        // the facts the rules use (patient, accession, date, modalities) change with a new series, not a new instance
        if (seenSeries.put(event.instance().seriesInstanceUid(), Boolean.TRUE) == null) {
            queue.submit(event.instance().studyInstanceUid());
        }
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        linker.unseenStudies().forEach(queue::submit);
    }

    /** A new or changed procedure may now match studies that waited: those of its patient, accession or Study UID. */
    @EventListener
    public void onProcedureChanged(ProcedureChanged event) {
        procedures
                .find(event.id())
                .ifPresent(p -> linker.retryCandidates(
                                p.patient().id(),
                                p.accessionNumber() == null ? "" : p.accessionNumber(),
                                p.studyInstanceUid())
                        .forEach(queue::submit));
    }
}
