package org.fluorovault.dose;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceStored;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.io.DicomReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Extracts the accumulated dose of each stored X-Ray Radiation Dose SR on its own thread, after
 * the object is indexed: the C-STORE response never waits for it, and a broken SR is logged and
 * skipped. A full queue drops the extraction (logged); the object stays stored.
 */
@Component
public class DoseListener implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(DoseListener.class);

    private final ArchiveStore archive;
    private final DoseIndex index;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1024), r -> {
                Thread t = new Thread(r, "dose-extraction");
                t.setDaemon(true);
                return t;
            }, (r, ex) -> LOG.warn("dose extraction queue full: one dose report not extracted"));

    public DoseListener(ArchiveStore archive, DoseIndex index) {
        this.archive = archive;
        this.index = index;
    }

    @EventListener
    public void onStored(InstanceStored event) {
        StoredInstance si = event.instance();
        if (DoseExtractor.RDSR_SOP_CLASS.equals(si.sopClassUid())) worker.execute(() -> extract(si));
    }

    private void extract(StoredInstance si) {
        try (DicomReader r = new DicomReader(Files.newInputStream(archive.resolve(si.path())), null)) {
            Attributes sr = r.maxValueLength(1 << 20).readFile(null);
            List<DoseExtractor.DoseValue> values = DoseExtractor.extract(sr);
            if (values.isEmpty()) {
                LOG.warn("dose report {} of study {} holds no accumulated dose", si.sopInstanceUid(), si.studyInstanceUid());
                return;
            }
            index.recordRdsr(si.studyInstanceUid(), si.sopInstanceUid(), values, Instant.now());
            LOG.info("dose report {}: {} accumulated value(s) recorded for study {}", si.sopInstanceUid(), values.size(),
                    si.studyInstanceUid());
        } catch (IOException | RuntimeException e) {
            LOG.warn("dose report {} not extracted: {}", si.sopInstanceUid(), e.toString());
        }
    }

    /** Waits until the extractions queued so far are done (tests, orderly shutdown). */
    public boolean awaitIdle(long millis) throws InterruptedException {
        Future<?> f = worker.submit(() -> { });
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
