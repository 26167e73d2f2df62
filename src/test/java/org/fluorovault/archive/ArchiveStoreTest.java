package org.fluorovault.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;
import org.fluorovault.dicom.io.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Crash safety of the file side of the archive, with an index in memory whose failures the tests choose. */
class ArchiveStoreTest {
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String XA = "1.2.840.10008.5.1.4.1.1.12.1";

    @TempDir
    Path root;

    /** An index in memory; {@link #failInsert} and {@link #failFind} inject the database's faults. */
    static class MemoryIndex extends InstanceIndex {
        final Map<String, StoredInstance> rows = new ConcurrentHashMap<>();
        final List<String> quarantined = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** insert throws; with {@link #commitBeforeFailing} the row is kept first (the commit went through). */
        volatile boolean failInsert, commitBeforeFailing, failFind, unreachableAfterFailedInsert;

        int checkpoints;

        MemoryIndex() {
            super(null, null);
        }

        @Override
        public StoredInstance find(String sopInstanceUid) {
            if (failFind) throw new IllegalStateException("database unreachable");
            return rows.get(sopInstanceUid);
        }

        @Override
        void insert(Attributes ds, String ts, Path rel, long size, String sha, String aet, Instant at) {
            if (rows.containsKey(ds.getString(Tags.SOPInstanceUID))) {
                throw new org.springframework.dao.DuplicateKeyException(
                        "unique sop_instance_uid"); // as the database's constraint
            }
            if (failInsert && unreachableAfterFailedInsert) failFind = true;
            if (failInsert && !commitBeforeFailing) throw new IllegalStateException("database unavailable");
            rows.put(
                    ds.getString(Tags.SOPInstanceUID),
                    new StoredInstance(
                            ds.getString(Tags.SOPInstanceUID),
                            ds.getString(Tags.SOPClassUID),
                            ts,
                            ds.getString(Tags.StudyInstanceUID),
                            ds.getString(Tags.SeriesInstanceUID),
                            rel,
                            size,
                            sha,
                            aet,
                            at));
            if (failInsert) throw new IllegalStateException("connection reset during commit");
        }

        @Override
        void recordQuarantine(
                String iuid, String existingSha, String receivedSha, Path rel, String aet, Instant at, String reason) {
            quarantined.add(rel.toString());
        }

        @Override
        void enforceDurableCommits() {}

        @Override
        void checkpoint() {
            checkpoints++;
        }
    }

    private ArchiveStore store(InstanceIndex index) {
        return new ArchiveStore(new StorageProperties(root, DataSize.ofMegabytes(1), true, false), index);
    }

    private static Attributes dataset(String iuid, String patientName) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SOPClassUID, VR.UI, XA);
        ds.setString(Tags.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3");
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.4");
        ds.setString(Tags.PatientName, VR.PN, patientName);
        return ds;
    }

    /** A Part-10 file of {@code ds} as received from {@code sourceAet}, in a new temporary file of the store. */
    private static Path received(ArchiveStore store, Attributes ds, String sourceAet) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(bytes);
        w.writeFileMetaInformation(FileMetaInformation.create(
                XA, ds.getString(Tags.SOPInstanceUID), EXPLICIT_LE, "1.2.3.4.5.6", "TEST", sourceAet));
        w.writeDataset(ds, TransferSyntax.of(EXPLICIT_LE));
        w.flush();
        Path temp = store.newTempFile();
        Files.write(temp, bytes.toByteArray());
        return temp;
    }

    private static String sha(Path f) throws Exception {
        return HexFormat.of().formatHex(ArchiveStore.sha256().digest(Files.readAllBytes(f)));
    }

    private StoreOutcome put(ArchiveStore store, Attributes ds, String aet) throws Exception {
        Path temp = received(store, ds, aet);
        return store.store(temp, ds, EXPLICIT_LE, Files.size(temp), sha(temp), aet);
    }

    private long objectFiles() throws Exception {
        try (Stream<Path> objects = Files.walk(root.resolve("objects"))) {
            return objects.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void staleTemporaryFilesFromACrashAreRemovedAtStart() throws Exception {
        Files.createDirectories(root.resolve("tmp"));
        Files.write(root.resolve("tmp/crashed-upload.part"), new byte[1234]);
        Files.write(root.resolve("tmp/keep.txt"), new byte[1]);
        store(new MemoryIndex());
        assertFalse(Files.exists(root.resolve("tmp/crashed-upload.part")));
        assertTrue(Files.exists(root.resolve("tmp/keep.txt")), "only *.part files are ours to remove");
    }

    @Test
    void aFailedInsertThatDidNotCommitLeavesNoObjectFileBehind() throws Exception {
        MemoryIndex index = new MemoryIndex();
        index.failInsert = true;
        ArchiveStore store = store(index);
        assertThrows(IllegalStateException.class, () -> put(store, dataset("1.2.3.4.5", "A^B"), "AE"));
        assertEquals(0, objectFiles(), "nothing visible without an index row");
    }

    @Test
    void aCommitThatWentThroughDespiteTheErrorKeepsItsFileAndIsStored() throws Exception {
        MemoryIndex index = new MemoryIndex();
        index.failInsert = true;
        index.commitBeforeFailing = true; // the server committed, the client saw the connection drop
        ArchiveStore store = store(index);
        assertEquals(StoreOutcome.STORED, put(store, dataset("1.2.3.4.6", "A^B"), "AE"));
        StoredInstance row = index.rows.get("1.2.3.4.6");
        assertTrue(Files.exists(store.resolve(row.path())), "the file the committed row names is kept");
        index.failInsert = false;
        assertEquals(
                StoreOutcome.DUPLICATE_IDENTICAL,
                put(store, dataset("1.2.3.4.6", "A^B"), "AE"),
                "a resend is a duplicate");
        assertTrue(Files.exists(store.resolve(row.path())), "and still has its file");
    }

    @Test
    void anUnknownCommitOutcomeKeepsTheFileAndTheJournalIndexesItAtTheNextStart() throws Exception {
        MemoryIndex index = new MemoryIndex();
        index.failInsert = true;
        ArchiveStore store = store(index);
        Attributes ds = dataset("1.2.3.4.7", "A^B");
        Path temp = received(store, ds, "AE");
        long size = Files.size(temp);
        String sha = sha(temp);
        index.unreachableAfterFailedInsert = true; // the database goes away: the commit's outcome cannot be known
        assertThrows(IllegalStateException.class, () -> store.store(temp, ds, EXPLICIT_LE, size, sha, "AE"));
        assertEquals(1, objectFiles(), "a file that a committed row may name is never deleted");

        MemoryIndex restarted = new MemoryIndex(); // the row never committed
        store(restarted);
        StoredInstance row = restarted.rows.get("1.2.3.4.7");
        assertNotNull(row, "indexed again from the receipt journal");
        assertEquals(sha, row.sha256());
        assertEquals(1, restarted.checkpoints);
        assertEquals(0, Files.size(root.resolve("journal/receipts.log")), "journal emptied once the index is forced");
    }

    @Test
    void anAcknowledgedObjectWhoseIndexRowWasLostIsIndexedAgainAtStart() throws Exception {
        MemoryIndex index = new MemoryIndex();
        ArchiveStore store = store(index);
        for (int i = 1; i <= 5; i++)
            assertEquals(StoreOutcome.STORED, put(store, dataset("1.2.3.5." + i, "A^B"), "CARM"));
        // kill -9 / power loss: the database lost its last commits, the forced journal did not
        MemoryIndex afterCrash = new MemoryIndex();
        afterCrash.rows.put("1.2.3.5.1", index.rows.get("1.2.3.5.1"));
        store(afterCrash);
        for (int i = 1; i <= 5; i++) {
            StoredInstance row = afterCrash.rows.get("1.2.3.5." + i);
            assertNotNull(row, "object " + i);
            assertEquals(index.rows.get("1.2.3.5." + i), row);
            assertEquals(row.sha256(), sha(root.resolve(row.path())));
        }
    }

    @Test
    void aTornJournalLineIsIgnored() throws Exception {
        MemoryIndex index = new MemoryIndex();
        ArchiveStore store = store(index);
        put(store, dataset("1.2.3.6.1", "A^B"), "CARM");
        Files.write(
                root.resolve("journal/receipts.log"),
                "R 1.2.3.6.2 objects/aa/bb/1.2.3.6.2.0000".getBytes(),
                java.nio.file.StandardOpenOption.APPEND);
        MemoryIndex restarted = new MemoryIndex();
        store(restarted);
        assertNotNull(restarted.rows.get("1.2.3.6.1"));
        assertNull(restarted.rows.get("1.2.3.6.2"));
    }

    @Test
    void theSameDataSetFromAnotherSenderIsADuplicateNotAConflict() throws Exception {
        MemoryIndex index = new MemoryIndex();
        ArchiveStore store = store(index);
        assertEquals(StoreOutcome.STORED, put(store, dataset("1.2.3.7.1", "A^B"), "CARM1"));
        byte[] first =
                Files.readAllBytes(store.resolve(index.rows.get("1.2.3.7.1").path()));
        assertEquals(
                StoreOutcome.DUPLICATE_IDENTICAL,
                put(store, dataset("1.2.3.7.1", "A^B"), "ROUTER"),
                "only the meta header's Source AE Title differs");
        assertEquals(StoreOutcome.CONFLICT_QUARANTINED, put(store, dataset("1.2.3.7.1", "C^D"), "ROUTER"));
        assertEquals(1, objectFiles());
        assertArrayEquals(
                first,
                Files.readAllBytes(store.resolve(index.rows.get("1.2.3.7.1").path())));
        assertEquals(1, index.quarantined.size());
    }

    @Test
    void aMissingFileIsRestoredByAnIdenticalResendAndReportedUntilThen() throws Exception {
        MemoryIndex index = new MemoryIndex();
        ArchiveStore store = store(index);
        put(store, dataset("1.2.3.8.1", "A^B"), "CARM1");
        StoredInstance row = index.rows.get("1.2.3.8.1");
        Path file = store.resolve(row.path());
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        assertFalse(store.verify(row));
        assertEquals(1, store.missing().count());
        assertEquals(StoreOutcome.DUPLICATE_IDENTICAL, put(store, dataset("1.2.3.8.1", "A^B"), "CARM1"));
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertEquals(0, store.missing().count());
    }

    @Test
    void aUidThatIsNotAUidNeverNamesAFile() throws Exception {
        ArchiveStore store = store(new MemoryIndex());
        for (String bad :
                new String[] {"../../pwn/evil", "1.2.3/../../x", "1.02.3", "1..2", "1.2.3\n4", "9".repeat(65)}) {
            Attributes ds = dataset(bad, "A^B");
            Path temp = store.newTempFile();
            Files.write(temp, new byte[] {1});
            assertThrows(
                    IllegalArgumentException.class,
                    () -> store.store(temp, ds, EXPLICIT_LE, 1, "00".repeat(32), "AE"),
                    bad);
        }
        assertFalse(Files.exists(root.getParent().resolve("pwn")));
        assertEquals(0, objectFiles());
        assertThrows(ArchiveException.class, () -> store.resolve(Path.of("../outside.dcm")));
    }

    @Test
    void objectsAreFannedOutByAHashOfTheirUidUnderANameOfTheirOwn() {
        String uid = "1.2.840.113619.2.55.3.604688119.971.1268399958.212";
        Path p = ArchiveStore.newObjectPath(uid);
        assertEquals(4, p.getNameCount());
        assertEquals("objects", p.getName(0).toString());
        assertTrue(p.getName(1).toString().matches("[0-9a-f]{2}"));
        assertTrue(p.getFileName().toString().matches("\\Q" + uid + "\\E\\.[0-9a-f]{8}\\.dcm"), p.toString());
        assertFalse(p.equals(ArchiveStore.newObjectPath(uid)), "each attempt writes a file of its own");
    }

    /** Objects and the H2 index were readable by every user of the machine (umask 022 folders). */
    @Test
    void storageFoldersAreOwnerOnly() throws Exception {
        Path fresh = root.resolve("fresh");
        Path h2 = Files.createDirectories(
                fresh.resolve("index"),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(h2, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        new ArchiveStore(new StorageProperties(fresh, DataSize.ofMegabytes(1), true, false), new MemoryIndex());
        for (Path d :
                new Path[] {fresh, fresh.resolve("objects"), fresh.resolve("tmp"), fresh.resolve("quarantine"), h2}) {
            assertEquals(
                    "rwx------",
                    java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d)),
                    d.toString());
        }
    }
}
