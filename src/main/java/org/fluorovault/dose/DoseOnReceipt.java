package org.fluorovault.dose;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.InstanceStored;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.common.BackgroundWork;
import org.fluorovault.common.WorkQueue;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.LogSafe;
import org.fluorovault.dicom.io.DicomReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Extracts the accumulated dose of each stored X-Ray Radiation Dose SR in the background ({@link BackgroundWork} queue
 * {@value #QUEUE}), after the object is indexed: the C-STORE response never waits for it, and a broken SR is logged
 * and skipped. A full queue drops the extraction (logged); the object stays stored.
 */
@Component
public class DoseOnReceipt {
    public static final String QUEUE = "dose-extraction";
    private static final Logger LOG = LoggerFactory.getLogger(DoseOnReceipt.class);

    private final ArchiveStore archive;
    private final InstanceIndex instances;
    private final DoseIndex index;
    private final WorkQueue queue;

    public DoseOnReceipt(ArchiveStore archive, InstanceIndex instances, DoseIndex index, BackgroundWork work) {
        this.archive = archive;
        this.instances = instances;
        this.index = index;
        this.queue =
                work.queue(QUEUE, 1024, true, "its dose is not extracted (the report stays stored)", this::extract);
    }

    @EventListener
    public void onStored(InstanceStored event) {
        StoredInstance si = event.instance();
        if (DoseExtractor.RDSR_SOP_CLASS.equals(si.sopClassUid())) queue.submit(si.sopInstanceUid());
    }

    private void extract(String sopInstanceUid) {
        StoredInstance si = instances.find(sopInstanceUid);
        if (si == null) {
            LOG.warn("dose report {} is no longer in the index", LogSafe.escape(sopInstanceUid));
            return;
        }
        try (DicomReader r = new DicomReader(Files.newInputStream(archive.resolve(si.path())), null)) {
            Attributes sr = r.maxValueLength(1 << 20).readFile(null);
            List<DoseExtractor.DoseValue> values = DoseExtractor.extract(sr);
            if (values.isEmpty()) {
                LOG.warn(
                        "dose report {} of study {} holds no accumulated dose",
                        si.sopInstanceUid(),
                        si.studyInstanceUid());
                return;
            }
            index.recordRdsr(si.studyInstanceUid(), si.sopInstanceUid(), values, Instant.now());
            LOG.info(
                    "dose report {}: {} accumulated value(s) recorded for study {}",
                    si.sopInstanceUid(),
                    values.size(),
                    si.studyInstanceUid());
        } catch (IOException | RuntimeException e) {
            LOG.warn("dose report {} not extracted: {}", si.sopInstanceUid(), e.toString());
        }
    }
}
