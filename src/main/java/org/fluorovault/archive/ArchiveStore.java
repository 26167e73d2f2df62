package org.fluorovault.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Durable object storage. An object is written to {@code tmp/*.part}, forced to disk, renamed
 * atomically to {@code objects/xx/yy/<SOP Instance UID>.dcm} (xx/yy from a hash of the UID), the
 * directory forced, and only then indexed: a crash leaves either a complete indexed object or
 * nothing the archive serves (an unindexed file is replaced when the object is sent again).
 */
@Service
public class ArchiveStore {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveStore.class);

    private final StorageProperties props;
    private final InstanceIndex index;
    private final Path root, tmp, objects, quarantine;
    private final java.nio.file.FileStore fileStore;
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final ApplicationEventPublisher events;

    public ArchiveStore(StorageProperties props, InstanceIndex index) {
        this(props, index, event -> { });
    }

    @Autowired
    public ArchiveStore(StorageProperties props, InstanceIndex index, ApplicationEventPublisher events) {
        this.props = props;
        this.index = index;
        this.events = events;
        this.root = props.path().toAbsolutePath().normalize();
        this.tmp = root.resolve("tmp");
        this.objects = root.resolve("objects");
        this.quarantine = root.resolve("quarantine");
        for (int i = 0; i < locks.length; i++) locks[i] = new ReentrantLock();
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(objects);
            Files.createDirectories(quarantine);
            OwnerOnly.restrict(root, tmp, objects, quarantine, root.resolve("index")); // index: the embedded H2 database
            cleanStaleTempFiles();
            fileStore = Files.getFileStore(root); // looked up once: finding it reads the mount table
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare storage under " + root, e);
        }
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

    public Path root() { return root; }

    /** A new empty temporary file on the archive's file system. */
    public Path newTempFile() throws IOException {
        return Files.createFile(tmp.resolve(UUID.randomUUID() + ".part"));
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

    public boolean fsync() { return props.fsync(); }

    /** Absolute path of a stored object from its indexed (relative) path. */
    public Path resolve(Path stored) { return root.resolve(stored); }

    /**
     * Moves a complete, already forced temporary Part-10 file into the archive and indexes it.
     * {@code dataset} is the parsed data set of {@code temp} (pixel data as a bulk reference).
     */
    public StoreOutcome store(Path temp, Attributes dataset, String transferSyntaxUid, long size, String sha256,
                              String callingAet) {
        String iuid = dataset.getString(Tags.SOPInstanceUID);
        Instant now = Instant.now();
        ReentrantLock lock = locks[Math.floorMod(iuid.hashCode(), locks.length)];
        lock.lock();
        try {
            StoredInstance existing = index.find(iuid);
            if (existing != null) {
                if (existing.sha256().equals(sha256)) {
                    Files.deleteIfExists(temp);
                    return StoreOutcome.DUPLICATE_IDENTICAL;
                }
                Path rel = Path.of("quarantine", iuid + "-" + now.toEpochMilli() + "-" + sha256.substring(0, 12) + ".dcm");
                moveDurably(temp, root.resolve(rel));
                index.recordQuarantine(iuid, existing.sha256(), sha256, rel, callingAet, now,
                        "SOP Instance UID already stored with different content (stored SHA-256 "
                                + existing.sha256() + ")");
                return StoreOutcome.CONFLICT_QUARANTINED;
            }
            Path rel = relativePathOf(iuid);
            Path target = root.resolve(rel);
            moveDurably(temp, target);
            try {
                index.insert(dataset, transferSyntaxUid, rel, size, sha256, callingAet, now);
            } catch (RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            publishStored(new StoredInstance(iuid, dataset.getString(Tags.SOPClassUID), transferSyntaxUid,
                    dataset.getString(Tags.StudyInstanceUID), dataset.getString(Tags.SeriesInstanceUID), rel, size, sha256,
                    callingAet, now));
            return StoreOutcome.STORED;
        } catch (IOException e) {
            throw new ArchiveException("cannot store " + iuid + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
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

    /** True when the stored file still has the SHA-256 recorded at receipt; an unreadable file is false. */
    public boolean verify(StoredInstance si) {
        try (java.io.InputStream in = Files.newInputStream(resolve(si.path()))) {
            MessageDigest md = sha256();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest()).equalsIgnoreCase(si.sha256());
        } catch (IOException e) {
            LOG.error("{} unreadable: {}", si.sopInstanceUid(), e.toString());
            return false;
        }
    }

    /** objects/xx/yy/UID.dcm where xx/yy are the first bytes of SHA-256(UID). */
    static Path relativePathOf(String iuid) {
        byte[] h = sha256().digest(iuid.getBytes(StandardCharsets.US_ASCII));
        String hex = HexFormat.of().formatHex(h, 0, 2);
        return Path.of("objects", hex.substring(0, 2), hex.substring(2, 4), safe(iuid) + ".dcm");
    }

    private static String safe(String uid) {
        return uid.replaceAll("[^0-9A-Za-z.\\-]", "_");
    }

    private void moveDurably(Path from, Path to) throws IOException {
        Path dir = to.getParent();
        Files.createDirectories(dir);
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (props.fsync()) forceDirectory(dir);
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
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
