package org.fluorovault.archive;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.UidSyntax;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Durable object storage. An object is written to {@code tmp/*.part} and forced to disk by the
 * receiver, then here: renamed atomically to a name of its own,
 * {@code objects/xx/yy/<SOP Instance UID>.<attempt>.dcm} (xx/yy from a hash of the UID; each new
 * directory forced in its parent), the directory forced, a line written to the receipt journal,
 * the index row committed, and the journal forced. Only then may the sender be told Success: the
 * file, its directory entries and a durable record of it are on stable storage, and the index row
 * is in the database's file (H2 writes every commit at once; see {@link InstanceIndex}).
 *
 * <p>No error path deletes a file that a committed index row may name: after a failed or unknown
 * commit the index is asked which file it names, and only a file it certainly does not name is
 * removed. At start the journal is replayed: an object it names whose index row is missing is
 * indexed again, so recovery reads a short file, never the whole archive.
 */
@Service
public class ArchiveStore {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveStore.class);
    /** The journal is emptied (after the index is forced) once it holds this many receipts. */
    static final int JOURNAL_CHECKPOINT = 4096;

    private final StorageProperties props;
    private final InstanceIndex index;
    private final Path root, tmp, objects, quarantine;
    private final java.nio.file.FileStore fileStore;
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final ApplicationEventPublisher events;
    private final ReceiptJournal journal;
    /** Stores hold it shared from their journal line to their commit; emptying the journal holds it alone. */
    private final ReentrantReadWriteLock journalGate = new ReentrantReadWriteLock();

    private final MissingObjects missing;
    private final ObjectFolders folders;
    private final List<StoredInstance> recovered = new ArrayList<>();

    public ArchiveStore(StorageProperties props, InstanceIndex index) {
        this(props, index, event -> {}, new MissingObjects());
    }

    @Autowired
    public ArchiveStore(
            StorageProperties props, InstanceIndex index, ApplicationEventPublisher events, MissingObjects missing) {
        this.props = props;
        this.index = index;
        this.events = events;
        this.missing = missing;
        this.root = props.path().toAbsolutePath().normalize();
        this.tmp = root.resolve("tmp");
        this.objects = root.resolve("objects");
        this.quarantine = root.resolve("quarantine");
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
        try {
            for (Path d : List.of(tmp, objects, quarantine, root.resolve("journal"))) {
                Durable.createDirectories(d, props.fsync());
            }
            OwnerOnly.restrict(
                    root,
                    tmp,
                    objects,
                    quarantine,
                    root.resolve("index"),
                    root.resolve("journal")); // index: the embedded H2 database
            cleanStaleTempFiles();
            fileStore = Files.getFileStore(root); // looked up once: finding it reads the mount table
            journal = new ReceiptJournal(root.resolve("journal").resolve("receipts.log"), props.fsync());
            folders = new ObjectFolders(objects, props.fsync());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare storage under " + root, e);
        }
        index.enforceDurableCommits();
        recover();
        if (props.prepareFolders()) folders.prepareInBackground();
    }

    private void cleanStaleTempFiles() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmp, "*.part")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
                n++;
            }
        }
        if (n > 0) LOG.info("Removed {} incomplete temporary file(s) left in {}", n, tmp);
    }

    public Path root() {
        return root;
    }

    /** A new empty temporary file on the archive's file system. */
    public Path newTempFile() throws IOException {
        return Files.createFile(newTempPath());
    }

    /** A name for a new temporary file on the archive's file system (the caller creates it, CREATE_NEW). */
    public Path newTempPath() {
        return tmp.resolve(UUID.randomUUID() + ".part");
    }

    /** True when at least the configured minimum is free on the archive's file system. */
    public boolean hasFreeSpace() {
        return usableSpace() >= props.minFreeSpace().toBytes();
    }

    public long usableSpace() {
        try {
            return fileStore.getUsableSpace(); // statvfs: cheap enough to ask before every object
        } catch (IOException e) {
            return 0;
        }
    }

    public boolean fsync() {
        return props.fsync();
    }

    /**
     * Absolute path of a stored object from its indexed (relative) path. A path that would leave
     * the storage root (a corrupted or forged index row) is refused.
     */
    public Path resolve(Path stored) {
        Path p = root.resolve(stored).normalize();
        if (!p.startsWith(root)) throw new ArchiveException("stored path outside the archive: " + stored, null);
        return p;
    }

    /** The files the index names but the disk lacks, as found by reads and checks since start. */
    public MissingObjects missing() {
        return missing;
    }

    /**
     * Moves a complete, already forced temporary Part-10 file into the archive and indexes it.
     * {@code dataset} is the parsed data set of {@code temp} (pixel data as a bulk reference); its
     * SOP Instance UID must be a valid UID (the receivers check it before).
     */
    public StoreOutcome store(
            Path temp, Attributes dataset, String transferSyntaxUid, long size, String sha256, String callingAet) {
        String iuid = UidSyntax.requireValid(dataset.getString(Tags.SOPInstanceUID), "SOP Instance UID");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ReentrantLock lock = lockOf(iuid);
        lock.lock();
        try {
            // optimistic: a new object is the common case, so it is inserted without asking first; a UID
            // already indexed fails the insert and is then compared (afterFailedInsert)
            Path rel = newObjectPath(iuid);
            Path target = resolve(rel);
            folders.ensure(target.getParent()); // the folder exists and its entry is on stable storage
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            journalGate.readLock().lock();
            try {
                long seq;
                try {
                    seq = journal.append(new ReceiptJournal.Entry(iuid, rel, size, sha256, callingAet, now));
                } catch (IOException e) { // no line, no row: the file is certainly nobody's
                    Durable.delete(target, false);
                    throw e;
                }
                // the folder naming the file and the journal line are forced while the index row is written:
                // both are I/O waits, the insert is mostly work; all three are done before Success
                Future<?> forced = props.fsync()
                        ? FORCERS.submit(() -> {
                            Durable.forceDirectory(target.getParent());
                            journal.force(seq);
                            return null;
                        })
                        : null;
                try {
                    index.insert(dataset, transferSyntaxUid, rel, size, sha256, callingAet, now);
                } catch (RuntimeException e) {
                    awaitQuietly(forced);
                    StoreOutcome afterFailure = afterFailedInsert(iuid, rel, sha256, callingAet, now, e);
                    if (afterFailure != StoreOutcome.STORED) return afterFailure;
                }
                await(forced);
            } finally {
                journalGate.readLock().unlock();
            }
            publishStored(new StoredInstance(
                    iuid,
                    dataset.getString(Tags.SOPClassUID),
                    transferSyntaxUid,
                    dataset.getString(Tags.StudyInstanceUID),
                    dataset.getString(Tags.SeriesInstanceUID),
                    rel,
                    size,
                    sha256,
                    callingAet,
                    now));
            return StoreOutcome.STORED;
        } catch (IOException e) {
            throw new ArchiveException("cannot store " + iuid + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
            checkpointIfDue();
        }
    }

    /** Threads that force folders and the journal while the receiving thread writes the index row. */
    private static final ExecutorService FORCERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "storage-forcer");
        t.setDaemon(true);
        return t;
    });

    private static void await(Future<?> f) throws IOException {
        if (f == null) return;
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forcing to disk", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("cannot force to disk: " + e.getCause(), e.getCause());
        }
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            await(f);
        } catch (IOException e) {
            LOG.warn("forcing a failed store to disk failed too: {}", e.toString());
        }
    }

    private ReentrantLock lockOf(String iuid) {
        return locks[Math.floorMod(iuid.hashCode(), locks.length)];
    }

    /** An object whose SOP Instance UID is already indexed: the same data set again, or a conflict. */
    private StoreOutcome storedBefore(
            StoredInstance existing, Path temp, String iuid, String sha256, String callingAet, Instant now)
            throws IOException {
        Path stored = resolve(existing.path());
        if (existing.sha256().equalsIgnoreCase(sha256)) {
            if (!Files.exists(stored)) { // the same bytes again: put back what was lost
                Durable.move(temp, stored, props.fsync());
                missing.restored(iuid);
                LOG.warn("{}: stored file was missing; restored from an identical resend", iuid);
            } else {
                Files.deleteIfExists(temp);
            }
            return StoreOutcome.DUPLICATE_IDENTICAL;
        }
        if (Files.exists(stored) && sameDataset(stored, temp)) { // only the meta header differs (another sender)
            Files.deleteIfExists(temp);
            return StoreOutcome.DUPLICATE_IDENTICAL;
        }
        if (!Files.exists(stored)) missing.report(iuid, existing.path());
        Path rel = Path.of("quarantine", iuid + "." + now.toEpochMilli() + "." + sha256.substring(0, 12) + ".dcm");
        Durable.move(temp, resolve(rel), props.fsync());
        index.recordQuarantine(
                iuid,
                existing.sha256(),
                sha256,
                rel,
                callingAet,
                now,
                "SOP Instance UID already stored with a different data set (stored SHA-256 " + existing.sha256() + ")");
        return StoreOutcome.CONFLICT_QUARANTINED;
    }

    /**
     * The index insert failed: the UID is indexed already (a resend or a conflict), or the database
     * failed, or the outcome is unknown (the connection broke during the commit). Asks the index
     * which file it names for the UID and removes ours only when it is certainly not that one.
     * Returns STORED when our row did commit, the duplicate or conflict outcome when another row
     * names the UID; throws when the store failed.
     */
    private StoreOutcome afterFailedInsert(
            String iuid, Path rel, String sha256, String callingAet, Instant now, RuntimeException failure)
            throws IOException {
        StoredInstance committed;
        try {
            committed = index.find(iuid);
        } catch (RuntimeException lookupFailed) {
            LOG.error(
                    "{}: index commit failed and its outcome cannot be checked ({}); file kept at {}; the journal "
                            + "indexes it at the next start, or a resend finds it",
                    iuid,
                    lookupFailed.toString(),
                    rel);
            failure.addSuppressed(lookupFailed);
            throw failure;
        }
        if (committed != null && committed.path().equals(rel)) {
            LOG.warn("{}: index reported {} but the row committed; stored", iuid, failure.toString());
            return StoreOutcome.STORED;
        }
        if (committed == null) {
            Durable.delete(resolve(rel), props.fsync()); // no row names it: certainly unreferenced
            throw failure;
        }
        // the UID is indexed under another file (sent before, or by another receiver at the same time)
        return storedBefore(committed, resolve(rel), iuid, sha256, callingAet, now);
    }

    /** objects/xx/yy/UID.nnnnnnnn.dcm: xx/yy the first bytes of SHA-256(UID), nnnnnnnn new for each attempt. */
    static Path newObjectPath(String iuid) {
        UidSyntax.requireValid(iuid, "SOP Instance UID");
        byte[] h = sha256().digest(iuid.getBytes(StandardCharsets.US_ASCII));
        String hex = HexFormat.of().formatHex(h, 0, 2);
        String attempt = String.format("%08x", ThreadLocalRandom.current().nextInt());
        return Path.of("objects", hex.substring(0, 2), hex.substring(2, 4), iuid + "." + attempt + ".dcm");
    }

    /**
     * Deletes a quarantined object (row first, then its file: a crash between leaves an unnamed
     * file, never a row without its file). Returns what was deleted, or null when there is no such entry.
     */
    public InstanceIndex.Quarantined deleteQuarantined(long id) throws IOException {
        InstanceIndex.Quarantined q = index.quarantinedById(id);
        if (q == null) return null;
        index.deleteQuarantined(id);
        index.checkpoint();
        Durable.delete(resolve(q.path()), props.fsync());
        return q;
    }

    /**
     * Releases a quarantined object: it becomes the indexed object for its SOP Instance UID, and
     * the object indexed until now takes its place in the quarantine (so a release can be undone by
     * releasing again). Returns the entry as it now is, or null when there is no such entry.
     */
    public InstanceIndex.Quarantined releaseQuarantined(long id, String by) throws IOException {
        InstanceIndex.Quarantined q = index.quarantinedById(id);
        if (q == null) return null;
        ReentrantLock lock = lockOf(q.sopInstanceUid());
        lock.lock();
        try {
            StoredInstance current = index.find(q.sopInstanceUid());
            if (current == null) throw new ArchiveException("no indexed object " + q.sopInstanceUid(), null);
            Path from = resolve(q.path());
            Parsed p = parse(from);
            if (!q.sopInstanceUid().equals(p.dataset().getString(Tags.SOPInstanceUID))) {
                throw new ArchiveException("quarantined file does not carry its SOP Instance UID", null);
            }
            Path rel = newObjectPath(q.sopInstanceUid());
            Path oldRel = Path.of(
                    "quarantine",
                    q.sopInstanceUid() + "." + System.currentTimeMillis() + "."
                            + current.sha256().substring(0, 12) + ".dcm");
            // both files get their new names as second links first: whichever rows name them at any
            // moment (before the commit, after it, after a crash between), the files are there
            Durable.link(resolve(rel), from, props.fsync());
            Durable.link(resolve(oldRel), resolve(current.path()), props.fsync());
            try {
                index.swapWithQuarantined(
                        id,
                        p.dataset(),
                        p.transferSyntaxUid(),
                        rel,
                        Files.size(resolve(rel)),
                        q.receivedSha256(),
                        q.callingAet(),
                        q.receivedAt(),
                        new StoredInstance(
                                current.sopInstanceUid(),
                                current.sopClassUid(),
                                current.transferSyntaxUid(),
                                current.studyInstanceUid(),
                                current.seriesInstanceUid(),
                                oldRel,
                                current.size(),
                                current.sha256(),
                                current.callingAet(),
                                current.receivedAt()),
                        "replaced by the release of quarantine entry " + id + " by " + by);
            } catch (RuntimeException e) {
                Durable.delete(resolve(rel), props.fsync()); // not released: the old names stay
                Durable.delete(resolve(oldRel), props.fsync());
                throw e;
            }
            index.checkpoint();
            Durable.delete(resolve(current.path()), props.fsync()); // the old names are no row's any more
            Durable.delete(from, props.fsync());
            return index.quarantinedById(id);
        } finally {
            lock.unlock();
        }
    }

    /** Empties the journal once it is long, after forcing the index: waits for stores in flight. */
    private void checkpointIfDue() {
        if (journal.pending() < JOURNAL_CHECKPOINT) return;
        journalGate.writeLock().lock();
        try {
            if (journal.pending() < JOURNAL_CHECKPOINT) return;
            index.checkpoint();
            journal.truncate();
        } catch (IOException | RuntimeException e) {
            LOG.warn("receipt journal not emptied (kept; replayed at start): {}", e.toString());
        } finally {
            journalGate.writeLock().unlock();
        }
    }

    /**
     * Replays the receipt journal: every object it names that the index lacks, and whose file is
     * whole (size and SHA-256 as received), is indexed again; a file whose UID is indexed under
     * another file name is an abandoned attempt and is removed.
     */
    private void recover() {
        List<ReceiptJournal.Entry> entries;
        try {
            entries = journal.read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the receipt journal " + journal.file(), e);
        }
        if (entries.isEmpty()) return;
        int indexed = 0, present = 0, lost = 0, abandoned = 0;
        for (ReceiptJournal.Entry e : entries) {
            StoredInstance row = index.find(e.sopInstanceUid());
            Path file = resolve(e.path());
            if (row != null) {
                if (row.path().equals(e.path())) {
                    present++;
                } else if (Files.exists(file)) {
                    try {
                        Durable.delete(file, props.fsync());
                        abandoned++;
                    } catch (IOException ex) {
                        LOG.warn("cannot remove abandoned attempt {}: {}", e.path(), ex.toString());
                    }
                }
                continue;
            }
            try {
                if (!Files.exists(file)
                        || Files.size(file) != e.size()
                        || !e.sha256().equalsIgnoreCase(sha256Of(file))) {
                    lost++; // never acknowledged: its store failed before the journal was forced
                    continue;
                }
                Parsed p = parse(file);
                index.insert(
                        p.dataset(),
                        p.transferSyntaxUid(),
                        e.path(),
                        e.size(),
                        e.sha256(),
                        e.callingAet(),
                        e.receivedAt());
                recovered.add(new StoredInstance(
                        e.sopInstanceUid(),
                        p.dataset().getString(Tags.SOPClassUID),
                        p.transferSyntaxUid(),
                        p.dataset().getString(Tags.StudyInstanceUID),
                        p.dataset().getString(Tags.SeriesInstanceUID),
                        e.path(),
                        e.size(),
                        e.sha256(),
                        e.callingAet(),
                        e.receivedAt()));
                indexed++;
            } catch (IOException | RuntimeException ex) {
                LOG.error("receipt {} ({}) cannot be indexed again: {}", e.sopInstanceUid(), e.path(), ex.toString());
                lost++;
            }
        }
        LOG.info(
                "Receipt journal replayed: {} receipts, {} already indexed, {} indexed again, {} abandoned attempts "
                        + "removed, {} not recoverable (never acknowledged)",
                entries.size(),
                present,
                indexed,
                abandoned,
                lost);
        try {
            index.checkpoint();
            journal.truncate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the receipt journal", e);
        }
    }

    /** Objects indexed again by the journal are announced once the application runs (analysis, linking). */
    @EventListener(ApplicationReadyEvent.class)
    void announceRecovered() {
        List<StoredInstance> list;
        synchronized (recovered) {
            list = List.copyOf(recovered);
            recovered.clear();
        }
        list.forEach(this::publishStored);
    }

    private record Parsed(Attributes dataset, String transferSyntaxUid) {}

    private static Parsed parse(Path file) throws IOException {
        try (DicomReader r = new DicomReader(Files.newInputStream(file), file)) {
            r.bulkMode(DicomReader.BulkMode.REFERENCE);
            Attributes fmi = r.readFileMetaInformation();
            String ts = fmi.getString(Tags.TransferSyntaxUID);
            return new Parsed(r.readDataset(TransferSyntax.of(ts)), ts);
        }
    }

    /** Tells listeners (dose extraction...) about a new object; their failures never fail the store. */
    private void publishStored(StoredInstance stored) {
        try {
            events.publishEvent(new InstanceStored(stored));
        } catch (RuntimeException e) {
            LOG.warn("listener of stored object {} failed: {}", stored.sopInstanceUid(), e.toString());
        }
    }

    /**
     * True when the stored file still has the SHA-256 recorded at receipt; an unreadable file is
     * false, and a missing one is reported as missing.
     */
    public boolean verify(StoredInstance si) {
        try {
            return sha256Of(resolve(si.path())).equalsIgnoreCase(si.sha256());
        } catch (NoSuchFileException e) {
            missing.report(si.sopInstanceUid(), si.path());
            return false;
        } catch (IOException e) {
            LOG.error("{} unreadable: {}", si.sopInstanceUid(), e.toString());
            return false;
        }
    }

    /** Checks that the file of an indexed object exists; reports it as missing when not. */
    public boolean present(StoredInstance si) {
        if (Files.exists(resolve(si.path()))) return true;
        missing.report(si.sopInstanceUid(), si.path());
        return false;
    }

    private static String sha256Of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = sha256();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /**
     * True when two Part-10 files carry byte-identical data sets (everything after the File Meta
     * Information), whatever their meta headers say (the sender's AE title, the implementation).
     */
    static boolean sameDataset(Path a, Path b) throws IOException {
        long offA = datasetOffset(a), offB = datasetOffset(b);
        if (offA < 0 || offB < 0 || Files.size(a) - offA != Files.size(b) - offB) return false;
        try (InputStream ia = new BufferedInputStream(Files.newInputStream(a), 1 << 16);
                InputStream ib = new BufferedInputStream(Files.newInputStream(b), 1 << 16)) {
            ia.skipNBytes(offA);
            ib.skipNBytes(offB);
            byte[] ba = new byte[1 << 16], bb = new byte[1 << 16];
            while (true) {
                int na = ia.readNBytes(ba, 0, ba.length), nb = ib.readNBytes(bb, 0, bb.length);
                if (na != nb || !Arrays.equals(ba, 0, na, bb, 0, nb)) return false;
                if (na < ba.length) return true;
            }
        }
    }

    /**
     * Where the data set starts in a Part-10 file: after the preamble, "DICM" and the meta group,
     * whose length (0002,0000) is its first element; -1 when the file does not start that way.
     */
    static long datasetOffset(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 256))) {
            byte[] head = new byte[132 + 12];
            if (in.readNBytes(head, 0, head.length) != head.length) return -1;
            if (head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') return -1;
            int group = (head[132] & 0xff) | (head[133] & 0xff) << 8,
                    element = (head[134] & 0xff) | (head[135] & 0xff) << 8;
            if (group != 2 || element != 0 || head[136] != 'U' || head[137] != 'L') return -1;
            long len = (head[140] & 0xffL)
                    | (head[141] & 0xffL) << 8
                    | (head[142] & 0xffL) << 16
                    | (head[143] & 0xffL) << 24;
            return 144 + len;
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
