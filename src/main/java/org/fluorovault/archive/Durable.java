package org.fluorovault.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/** File-system steps whose effect survives a power loss once they return (when forcing is on). */
final class Durable {
    private Durable() {}

    /** Forces a directory's entries (names created, renamed or removed in it) to stable storage. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Creates {@code dir} and any missing parents; with {@code force}, each new directory's entry is
     * forced in its parent, so the path to an object cannot vanish on power loss.
     */
    static void createDirectories(Path dir, boolean force) throws IOException {
        if (Files.isDirectory(dir)) return;
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) missing.push(p);
        while (!missing.isEmpty()) {
            Path d = missing.pop();
            try {
                Files.createDirectory(d);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(d)) throw e; // made by a concurrent store: its entry is forced by that store too
            }
            if (force && d.getParent() != null) forceDirectory(d.getParent());
        }
    }

    /**
     * Renames a complete, forced file to {@code to}, a name that no other file has (the callers make
     * a new one per attempt), and forces the directory that now names it.
     */
    static void move(Path from, Path to, boolean force) throws IOException {
        Path dir = to.getParent();
        createDirectories(dir, force);
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        if (force) forceDirectory(dir);
    }

    /** Gives an existing file a second name {@code link} (a new name) and forces the directory that holds it. */
    static void link(Path link, Path existing, boolean force) throws IOException {
        createDirectories(link.getParent(), force);
        Files.createLink(link, existing);
        if (force) forceDirectory(link.getParent());
    }

    /** Deletes a file and forces its directory. */
    static void delete(Path file, boolean force) throws IOException {
        if (Files.deleteIfExists(file) && force) forceDirectory(file.getParent());
    }
}
