package org.fluorovault.analysis;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.fluorovault.archive.InstanceStored;
import org.fluorovault.archive.StoredInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Analyses every newly stored XA/RF run in the background, through a bounded queue on one
 * thread: the C-STORE response never waits for it, a full queue skips the run (it is analysed on
 * demand later), and a run that cannot be analysed is logged, never an error.
 */
@Component
public class AnalysisOnReceipt implements DisposableBean {
    /**
     * @param onReceipt analyse XA/RF runs as they arrive
     * @param queue     runs waiting at most; more are left for on-demand analysis
     */
    @ConfigurationProperties("fluorovault.analysis")
    public record Properties(@DefaultValue("true") boolean onReceipt, @DefaultValue("64") int queue) {}

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisOnReceipt.class);
    static final Set<String> RUN_SOP_CLASSES = Set.of(
            "1.2.840.10008.5.1.4.1.1.12.1",    // X-Ray Angiographic Image
            "1.2.840.10008.5.1.4.1.1.12.1.1",  // Enhanced XA Image
            "1.2.840.10008.5.1.4.1.1.12.2",    // X-Ray Radiofluoroscopic Image
            "1.2.840.10008.5.1.4.1.1.12.2.1"); // Enhanced XRF Image

    private final AnalysisService analysis;
    private final Properties props;
    private final ThreadPoolExecutor worker;

    public AnalysisOnReceipt(AnalysisService analysis, Properties props) {
        this.analysis = analysis;
        this.props = props;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, props.queue())),
                r -> {
                    Thread t = new Thread(r, "analysis-on-receipt");
                    t.setDaemon(true);
                    return t;
                }, (r, ex) -> LOG.warn("analysis queue full: a run is left for on-demand analysis"));
    }

    @EventListener
    public void onStored(InstanceStored event) {
        StoredInstance si = event.instance();
        if (!props.onReceipt() || !RUN_SOP_CLASSES.contains(si.sopClassUid())) return;
        worker.execute(() -> {
            try {
                analysis.analysis(si.sopInstanceUid());
            } catch (AnalysisService.NotAnalysableException e) {
                LOG.info("{} not analysed on receipt: {}", si.sopInstanceUid(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("analysis of {} on receipt failed", si.sopInstanceUid(), e);
            }
        });
    }

    /** Waits until the runs queued so far are done (the queue is served in order by one thread). */
    public boolean awaitQueued(long millis) throws InterruptedException {
        Future<?> marker = worker.submit(() -> { });
        try {
            marker.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
