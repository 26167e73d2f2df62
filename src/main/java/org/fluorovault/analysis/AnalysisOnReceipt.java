package org.fluorovault.analysis;

import java.util.Set;
import org.fluorovault.archive.InstanceStored;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.common.BackgroundWork;
import org.fluorovault.common.WorkQueue;
import org.fluorovault.dicom.dict.Uids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Analyses every newly stored XA/RF run in the background ({@link BackgroundWork} queue {@value #QUEUE}): the C-STORE
 * response never waits for it, a full queue skips the run (it is analysed on demand later), and a run that cannot be
 * analysed is logged, never an error.
 */
@Component
public class AnalysisOnReceipt {
    /**
     * @param onReceipt analyse XA/RF runs as they arrive
     * @param queue     runs waiting at most; more are left for on-demand analysis
     */
    @Validated
    @ConfigurationProperties("fluorovault.analysis")
    public record Properties(
            @DefaultValue("true") boolean onReceipt,

            @DefaultValue("64") @jakarta.validation.constraints.Min(1)
            int queue) {}

    public static final String QUEUE = "analysis-on-receipt";
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisOnReceipt.class);
    /** The runs the analysis reads; the authoritative list of analysable SOP classes. */
    public static final Set<String> RUN_SOP_CLASSES = Set.of(
            Uids.XRayAngiographicImageStorage,
            Uids.EnhancedXAImageStorage,
            Uids.XRayRadiofluoroscopicImageStorage,
            Uids.EnhancedXRFImageStorage);

    private final AnalysisService analysis;
    private final Properties props;
    private final WorkQueue queue;

    public AnalysisOnReceipt(AnalysisService analysis, Properties props, BackgroundWork work) {
        this.analysis = analysis;
        this.props = props;
        this.queue = work.queue(QUEUE, props.queue(), true, "the run is analysed on demand later", this::analyse);
    }

    @EventListener
    public void onStored(InstanceStored event) {
        StoredInstance si = event.instance();
        if (props.onReceipt() && RUN_SOP_CLASSES.contains(si.sopClassUid())) queue.submit(si.sopInstanceUid());
    }

    private void analyse(String sopInstanceUid) {
        try {
            analysis.analysis(sopInstanceUid);
        } catch (AnalysisService.NotAnalysableException e) {
            LOG.info("{} not analysed on receipt: {}", sopInstanceUid, e.getMessage());
        }
    }
}
