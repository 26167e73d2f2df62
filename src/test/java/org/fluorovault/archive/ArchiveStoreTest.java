package org.fluorovault.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Crash safety of the file side of the archive, without a database. */
class ArchiveStoreTest {
    @TempDir Path root;

    /** An index whose writes fail, as when the database is down mid-store. */
    static final class FailingIndex extends InstanceIndex {
        FailingIndex() { super(null, null); }

        @Override public StoredInstance find(String sopInstanceUid) { return null; }

        @Override
        void insert(Attributes ds, String ts, Path rel, long size, String sha, String aet, Instant at) {
            throw new IllegalStateException("database unavailable");
        }
    }

    private ArchiveStore store(InstanceIndex index) {
        return new ArchiveStore(new StorageProperties(root, DataSize.ofMegabytes(1), true), index);
    }

    @Test
    void staleTemporaryFilesFromACrashAreRemovedAtStart() throws Exception {
        Files.createDirectories(root.resolve("tmp"));
        Files.write(root.resolve("tmp/crashed-upload.part"), new byte[1234]);
        Files.write(root.resolve("tmp/keep.txt"), new byte[1]);
        store(new FailingIndex());
        assertFalse(Files.exists(root.resolve("tmp/crashed-upload.part")));
        assertTrue(Files.exists(root.resolve("tmp/keep.txt")), "only *.part files are ours to remove");
    }

    @Test
    void anIndexFailureLeavesNoObjectFileBehind() throws Exception {
        ArchiveStore store = store(new FailingIndex());
        Path temp = store.newTempFile();
        Files.write(temp, new byte[] {1, 2, 3});
        Attributes ds = new Attributes();
        ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        assertThrows(IllegalStateException.class, () -> store.store(temp, ds, "1.2.840.10008.1.2.1", 3, "00".repeat(32), "AE"));
        try (Stream<Path> objects = Files.walk(root.resolve("objects"))) {
            assertEquals(0, objects.filter(Files::isRegularFile).count(), "nothing visible without an index row");
        }
    }

    @Test
    void objectsAreFannedOutByAHashOfTheirUid() {
        Path p = ArchiveStore.relativePathOf("1.2.840.113619.2.55.3.604688119.971.1268399958.212");
        assertEquals(4, p.getNameCount());
        assertEquals("objects", p.getName(0).toString());
        assertTrue(p.getName(1).toString().matches("[0-9a-f]{2}"));
        assertEquals("1.2.840.113619.2.55.3.604688119.971.1268399958.212.dcm", p.getFileName().toString());
    }

    /** Objects and the H2 index were readable by every user of the machine (umask 022 folders). */
    @Test
    void storageFoldersAreOwnerOnly() throws Exception {
        Path fresh = root.resolve("fresh");
        Path h2 = Files.createDirectories(fresh.resolve("index"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(h2, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        new ArchiveStore(new StorageProperties(fresh, DataSize.ofMegabytes(1), true), new FailingIndex());
        for (Path d : new Path[] {fresh, fresh.resolve("objects"), fresh.resolve("tmp"), fresh.resolve("quarantine"), h2}) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d)), d.toString());
        }
    }
}
