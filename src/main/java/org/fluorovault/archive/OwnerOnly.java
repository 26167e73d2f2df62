package org.fluorovault.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the storage folders owner-only (rwx------), so that the objects, the quarantine and the
 * embedded H2 index under them cannot be read by other users of the machine whatever the umask
 * made of the files themselves. Nothing happens on file systems without POSIX permissions; a
 * folder the archive does not own (a shared mount point) is left as it is, with a warning.
 */
final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);

    private OwnerOnly() {}

    static void restrict(Path... dirs) {
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) continue;
            try {
                if (!Files.getFileStore(d).supportsFileAttributeView(PosixFileAttributeView.class)) continue;
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                LOG.warn(
                        "cannot make {} owner-only: {}; other users of this machine may read the archive",
                        d,
                        e.toString());
            }
        }
    }
}
