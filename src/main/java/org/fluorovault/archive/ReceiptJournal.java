package org.fluorovault.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import org.fluorovault.dicom.data.UidSyntax;

/**
 * An append-only journal of receipts: one line per object moved into {@code objects/}, written
 * before its index row and forced to disk before the sender is told Success. After a crash or a
 * power loss the archive replays it at start and indexes every object that it names and the index
 * lacks, so recovery reads this short file, never the whole archive. The journal is emptied once
 * the index itself has been forced to disk ({@link InstanceIndex#checkpoint()}).
 *
 * <p>Forcing is a group commit: one {@code fdatasync} covers every line written before it, so
 * concurrent associations share the cost.
 *
 * <p>A line is {@code R <sop-instance-uid> <path> <size> <sha256> <calling-aet-hex> <epoch-ms> <crc32>};
 * a line that is torn or fails its CRC (the tail of a crash) is ignored.
 */
final class ReceiptJournal implements AutoCloseable {
    record Entry(String sopInstanceUid, Path path, long size, String sha256, String callingAet, Instant receivedAt) {}

    private final Path file;
    private final boolean fsync;
    private final FileChannel ch;
    private final Object writeLock = new Object();
    private long written; // lines written (guarded by writeLock)
    private final ReentrantLock forceLock = new ReentrantLock();
    private volatile long forced;

    ReceiptJournal(Path file, boolean fsync) throws IOException {
        this.file = file;
        this.fsync = fsync;
        boolean created = !Files.exists(file);
        this.ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        ch.position(ch.size());
        if (created && fsync) Durable.forceDirectory(file.getParent());
    }

    Path file() {
        return file;
    }

    /** Writes the line for {@code e} (not yet forced) and returns its sequence number for {@link #force}. */
    long append(Entry e) throws IOException {
        byte[] line = format(e);
        synchronized (writeLock) {
            long at = ch.position();
            try {
                ByteBuffer bb = ByteBuffer.wrap(line);
                while (bb.hasRemaining()) ch.write(bb);
            } catch (IOException failed) { // disk full: no torn line may stay in front of the next one
                try {
                    ch.truncate(at);
                    ch.position(at);
                } catch (IOException ignored) {
                    // the next start ignores a torn line at the end
                }
                throw failed;
            }
            return ++written;
        }
    }

    /** Returns once every line up to {@code seq} is on stable storage (one force serves all waiting writers). */
    void force(long seq) throws IOException {
        if (!fsync || forced >= seq) return;
        forceLock.lock();
        try {
            if (forced >= seq) return;
            long upTo;
            synchronized (writeLock) {
                upTo = written;
            }
            ch.force(false);
            forced = upTo;
        } finally {
            forceLock.unlock();
        }
    }

    /** Lines written since the journal was last emptied. */
    long pending() {
        synchronized (writeLock) {
            return written;
        }
    }

    /** The entries that are whole and intact, oldest first. */
    List<Entry> read() throws IOException {
        List<Entry> out = new ArrayList<>();
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        int start = 0;
        for (int nl; (nl = text.indexOf('\n', start)) >= 0; start = nl + 1) {
            Entry e = parse(text.substring(start, nl));
            if (e != null) out.add(e);
        }
        return out;
    }

    /**
     * Empties the journal. The caller guarantees that no store is between its journal line and its
     * index commit, and that the index has been forced to disk.
     */
    void truncate() throws IOException {
        synchronized (writeLock) {
            ch.truncate(0);
            ch.position(0);
            if (fsync) ch.force(true);
            written = 0;
            forced = 0;
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    static byte[] format(Entry e) {
        String body = "R " + e.sopInstanceUid() + " " + e.path().toString().replace('\\', '/') + " " + e.size() + " "
                + e.sha256() + " " + hex(e.callingAet() == null ? "" : e.callingAet()) + " "
                + e.receivedAt().toEpochMilli();
        return (body + " " + crc(body) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    static Entry parse(String line) {
        int lastSpace = line.lastIndexOf(' ');
        if (lastSpace < 0) return null;
        String body = line.substring(0, lastSpace);
        if (!crc(body).equals(line.substring(lastSpace + 1))) return null;
        String[] f = body.split(" ", -1);
        if (f.length != 7 || !f[0].equals("R") || !UidSyntax.isValid(f[1])) return null;
        Path path = Path.of(f[2]);
        if (path.isAbsolute() || path.normalize().startsWith("..") || !path.startsWith("objects")) return null;
        try {
            return new Entry(
                    f[1],
                    path,
                    Long.parseLong(f[3]),
                    f[4],
                    f[5].isEmpty() ? null : unhex(f[5]),
                    Instant.ofEpochMilli(Long.parseLong(f[6])));
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static String crc(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.US_ASCII));
        return Long.toHexString(c.getValue());
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unhex(String s) {
        return new String(HexFormat.of().parseHex(s), StandardCharsets.UTF_8);
    }
}
