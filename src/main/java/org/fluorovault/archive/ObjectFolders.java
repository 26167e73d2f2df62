package org.fluorovault.archive;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 65,536 folders {@code objects/xx/yy} that objects are fanned out into, and which of them are
 * known to be on stable storage (their entry forced in their parent). An object may be acknowledged
 * only in a folder known durable: the first object into any other folder creates it (if needed) and
 * forces its parent first. In a new archive nearly every object would pay that extra force, so a
 * background thread prepares every folder once, 256 at a time with one force each.
 */
final class ObjectFolders {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFolders.class);

    private final Path objects;
    private final boolean force;
    private final BitSet durable = new BitSet(65536);

    ObjectFolders(Path objects, boolean force) throws IOException {
        this.objects = objects;
        this.force = force;
        // the xx folders that exist now may come from a process that crashed before forcing them
        if (force) Durable.forceDirectory(objects);
    }

    /** Makes sure {@code leaf} (objects/xx/yy) exists and its entry is on stable storage. */
    void ensure(Path leaf) throws IOException {
        int i = indexOf(leaf);
        synchronized (durable) {
            if (i >= 0 && durable.get(i)) return;
        }
        boolean existed = Files.isDirectory(leaf);
        Durable.createDirectories(leaf, force); // a new folder is forced in its parent
        if (existed && force) Durable.forceDirectory(leaf.getParent()); // an old one may not have been
        if (i >= 0) {
            synchronized (durable) {
                durable.set(i);
            }
        }
    }

    /** Prepares every folder in the background (a daemon thread; stores go on meanwhile). */
    void prepareInBackground() {
        Thread t = new Thread(this::prepareAll, "storage-folders");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void prepareAll() {
        long start = System.nanoTime();
        int made = 0;
        try {
            for (int a = 0; a < 256; a++) {
                Path xx = objects.resolve(hex(a));
                Durable.createDirectories(xx, force);
                for (int b = 0; b < 256; b++) {
                    try {
                        Files.createDirectory(xx.resolve(hex(b)));
                        made++;
                    } catch (FileAlreadyExistsException e) {
                        // made before, or by a store just now
                    }
                }
                if (force) Durable.forceDirectory(xx);
                synchronized (durable) {
                    durable.set(a << 8, (a << 8) + 256);
                }
            }
            if (made > 0)
                LOG.info("Prepared {} object folders in {} ms", made, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            LOG.warn("object folders not all prepared ({}); stores create theirs as they go", e.toString());
        }
    }

    /** 0..65535 for objects/xx/yy, -1 for any other folder. */
    private int indexOf(Path leaf) {
        if (!objects.equals(leaf.getParent() == null ? null : leaf.getParent().getParent())) return -1;
        try {
            return Integer.parseInt(leaf.getParent().getFileName().toString() + leaf.getFileName(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String hex(int v) {
        return String.format("%02x", v);
    }
}
