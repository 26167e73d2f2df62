package org.fluorovault.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.fluorovault.common.BackgroundWork;
import org.fluorovault.common.WorkQueue;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads, in the background after start ({@link BackgroundWork} queue {@value #QUEUE}), the acquisition time of objects stored before the index
 * kept it (V10: {@code acquired_checked} false), from their stored headers, a batch at a time on
 * one thread. An object whose file is missing or unreadable is marked as read with no time and
 * logged; the rules then order its study by receipt, as before.
 */
@Component
class AcquisitionBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(AcquisitionBackfill.class);
    static final int BATCH = 500;

    private record Pending(long id, String path, String transferSyntaxUid) {}

    static final String QUEUE = "acquisition-backfill";
    private final JdbcTemplate jdbc;
    private final ArchiveStore archive;
    private final WorkQueue queue;

    AcquisitionBackfill(JdbcTemplate jdbc, ArchiveStore archive, BackgroundWork work) {
        this.jdbc = jdbc;
        this.archive = archive;
        this.queue = work.queue(QUEUE, 1, true, "the pass resumes at the next start", key -> runToEnd());
    }

    /**
     * Reads every object still unread, batch by batch, until none is left or the archive stops.
     *
     * @return how many objects were read (with or without a time)
     */
    int runToEnd() {
        int total = 0, withTime = 0;
        while (!Thread.currentThread().isInterrupted()) { // interrupted at shutdown: the rest resumes at the next start
            List<Pending> batch = jdbc.query(
                    "SELECT id, path, transfer_syntax_uid FROM instance WHERE acquired_checked = FALSE"
                            + " ORDER BY id LIMIT ?",
                    (rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)),
                    BATCH);
            if (batch.isEmpty()) break;
            for (Pending p : batch) {
                if (Thread.currentThread().isInterrupted()) break;
                Timestamp at = read(p);
                if (at != null) withTime++;
                jdbc.update("UPDATE instance SET acquired_at = ?, acquired_checked = TRUE WHERE id = ?", at, p.id());
                total++;
            }
        }
        if (total > 0)
            LOG.info("acquisition times read for {} object(s) stored earlier: {} state one", total, withTime);
        return total;
    }

    private Timestamp read(Pending p) {
        Path file = archive.resolve(Path.of(p.path()));
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16384);
                DicomReader r = new DicomReader(in, file)) {
            r.bulkMode(DicomReader.BulkMode.REFERENCE);
            r.stopAt(Tag.PixelData);
            r.readFileMetaInformation();
            Attributes ds = r.readDataset(TransferSyntax.of(p.transferSyntaxUid()));
            return InstanceIndex.acquiredAt(ds);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the acquisition time of stored object {} ({}): {}", p.id(), p.path(), e.toString());
            return null;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        queue.submit("objects stored before V10");
    }
}
