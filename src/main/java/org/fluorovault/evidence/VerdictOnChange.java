package org.fluorovault.evidence;

import org.fluorovault.common.BackgroundWork;
import org.fluorovault.common.WorkQueue;
import org.fluorovault.linking.StudyLink;
import org.fluorovault.linking.StudyLinker;
import org.fluorovault.procedure.ProcedureChanged;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.Status;
import org.fluorovault.review.AnnotationSaved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each procedure's latest stored verdict current: when its record changes, a study is linked to it or unlinked
 * from it, or an image of a linked study is annotated, the procedure is judged again in the background
 * ({@link BackgroundWork} queue {@value #QUEUE}, one key per procedure). Lists that show the latest stored verdict
 * (the worklist) then need no evaluation of their own. A SCHEDULED or CANCELLED record is not judged: there is
 * nothing performed to judge yet.
 */
@Component
public class VerdictOnChange {
    public static final String QUEUE = "verdict-refresh";
    /** Who the stored verdicts of this queue name as their evaluator. */
    static final String EVALUATOR = "FluoroVault";

    private static final Logger LOG = LoggerFactory.getLogger(VerdictOnChange.class);

    private final EvidenceService evidence;
    private final ProcedureService procedures;
    private final StudyLinker linker;
    private final WorkQueue queue;

    public VerdictOnChange(
            EvidenceService evidence, ProcedureService procedures, StudyLinker linker, BackgroundWork work) {
        this.evidence = evidence;
        this.procedures = procedures;
        this.linker = linker;
        this.queue = work.queue(QUEUE, 10_000, true, "its verdict is computed when someone opens it", this::judge);
    }

    @EventListener
    public void onProcedureChanged(ProcedureChanged e) {
        queue.submit(Long.toString(e.id()));
    }

    @EventListener
    public void onLinked(StudyLinker.StudyLinked e) {
        queue.submit(Long.toString(e.link().procedureId()));
    }

    @EventListener
    public void onUnlinked(StudyLinker.StudyUnlinked e) {
        queue.submit(Long.toString(e.previous().procedureId()));
    }

    @EventListener
    public void onAnnotationSaved(AnnotationSaved e) {
        linker.linkOf(e.studyInstanceUid())
                .map(StudyLink::procedureId)
                .ifPresent(id -> queue.submit(Long.toString(id)));
    }

    private void judge(String key) {
        long id = Long.parseLong(key);
        var p = procedures.find(id).orElse(null);
        if (p == null || p.status() == Status.SCHEDULED || p.status() == Status.CANCELLED) return;
        try {
            evidence.evaluate(id, EVALUATOR);
        } catch (NoRuleSetException e) {
            LOG.debug("procedure {} not judged: {}", id, e.getMessage());
        }
    }
}
