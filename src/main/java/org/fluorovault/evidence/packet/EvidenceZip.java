package org.fluorovault.evidence.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.media.DicomDirBuilder;
import org.fluorovault.linking.StudyLink;
import org.fluorovault.linking.StudyLinker;
import org.springframework.stereotype.Component;

/**
 * The ZIP evidence packet of a procedure: every stored object of its linked studies (images, SR, key objects,
 * dose reports) as a PS3.10 file-set with a DICOMDIR, a SHA-256 manifest of the hashes recorded at receipt
 * ({@code sha256sum -c} checks the delivered files against them) and a README. Objects are streamed from disk one
 * buffer at a time, without compression and without hashing them again (pixel data hardly compresses, and the
 * packet should leave at disk speed); only the directory is built in memory.
 */
@Component
public class EvidenceZip {
    /** Thrown before anything is written when a stored file is missing: the packet would be incomplete. */
    public static class IncompletePacketException extends org.fluorovault.common.ConflictException {
        IncompletePacketException(String message) {
            super("packet incomplete: " + message);
        }
    }

    /** An object of the packet and its place in the file-set. */
    record Entry(StoredInstance instance, String[] fileId) {
        String path() {
            return String.join("/", fileId);
        }
    }

    private final StudyLinker linker;
    private final InstanceIndex index;
    private final ArchiveStore store;
    private final Clock clock;

    public EvidenceZip(StudyLinker linker, InstanceIndex index, ArchiveStore store) {
        this.linker = linker;
        this.index = index;
        this.store = store;
        this.clock = Clock.systemUTC();
    }

    /** One stored object by its SOP Instance UID, or null. */
    StoredInstance instance(String sopInstanceUid) {
        return index.find(sopInstanceUid);
    }

    /** The stored objects of the procedure's linked studies, study by study, in series and instance order. */
    public List<StoredInstance> objects(long procedureId) {
        List<StoredInstance> all = new ArrayList<>();
        for (StudyLink l : linker.linksOf(procedureId)) all.addAll(index.instancesOfStudy(l.studyInstanceUid()));
        return all;
    }

    /**
     * Lays out the file-set and checks every file is present; call before the response starts.
     *
     * @throws IncompletePacketException if a stored file is missing or unreadable
     */
    public Plan plan(long procedureId) {
        List<StoredInstance> objects = objects(procedureId);
        for (StoredInstance si : objects) {
            if (!Files.isReadable(store.resolve(si.path()))) {
                throw new IncompletePacketException(
                        "stored object " + si.sopInstanceUid() + " is missing from storage");
            }
        }
        Map<String, Integer> studies = new LinkedHashMap<>(),
                series = new LinkedHashMap<>(),
                perSeries = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (StoredInstance si : objects) {
            int s = studies.computeIfAbsent(si.studyInstanceUid(), k -> studies.size() + 1);
            int r = series.computeIfAbsent(si.seriesInstanceUid(), k -> series.size() + 1);
            int i = perSeries.merge(si.seriesInstanceUid(), 1, Integer::sum);
            entries.add(new Entry(si, new String[] {"DICOM", "S" + pad(s, 4), "R" + pad(r, 4), "I" + pad(i, 5)}));
        }
        return new Plan(procedureId, entries);
    }

    /** A checked layout, ready to stream. */
    public final class Plan {
        private final long procedureId;
        private final List<Entry> entries;

        private Plan(long procedureId, List<Entry> entries) {
            this.procedureId = procedureId;
            this.entries = List.copyOf(entries);
        }

        public int size() {
            return entries.size();
        }

        /** Writes the ZIP to {@code out} (not closed). */
        public void write(OutputStream out) throws IOException {
            DicomDirBuilder dir = new DicomDirBuilder("FV" + procedureId);
            for (Entry e : entries) {
                Attributes fmi = new Attributes();
                Attributes ds;
                Path file = store.resolve(e.instance().path());
                try (InputStream in = Files.newInputStream(file);
                        DicomReader r = new DicomReader(in, file)) {
                    r.stopAt(Tag.PixelData);
                    ds = r.readFile(fmi);
                }
                dir.add(e.fileId(), fmi, ds);
            }
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.setLevel(Deflater.NO_COMPRESSION);
            StringBuilder manifest = new StringBuilder();
            byte[] buf = new byte[1 << 16];
            zip.putNextEntry(new ZipEntry("DICOMDIR"));
            HashingStream dicomdir = new HashingStream(zip);
            dir.write(dicomdir);
            manifest.append(dicomdir.hex()).append("  DICOMDIR\n");
            zip.closeEntry();
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.path()));
                try (InputStream in =
                        Files.newInputStream(store.resolve(e.instance().path()))) {
                    for (int n; (n = in.read(buf)) > 0; ) zip.write(buf, 0, n);
                }
                zip.closeEntry();
                // the hash recorded at receipt: sha256sum -c then checks the delivered bytes against the chain of
                // custody
                manifest.append(e.instance().sha256())
                        .append("  ")
                        .append(e.path())
                        .append('\n');
            }
            zip.putNextEntry(new ZipEntry("MANIFEST.SHA256"));
            zip.write(manifest.toString().getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("README.TXT"));
            zip.write(readme().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
        }

        private String readme() {
            return "FluoroVault evidence packet, procedure " + procedureId + "\n"
                    + "Generated " + clock.instant() + "\n"
                    + entries.size()
                    + " DICOM object(s) under DICOM/, indexed by DICOMDIR (PS3.10 file-set), byte for byte as stored.\n"
                    + "MANIFEST.SHA256 lists, for each object, the SHA-256 FluoroVault recorded when it received the object\n"
                    + "(the chain of custody), and for DICOMDIR the hash of the file in this packet.\n"
                    + "Check that every file is what was received with: sha256sum -c MANIFEST.SHA256\n";
        }
    }

    private static String pad(int n, int width) {
        String s = Integer.toString(n);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    /** Passes bytes through to the ZIP while hashing them; never closes the ZIP. */
    private static final class HashingStream extends OutputStream {
        private final OutputStream out;
        private final MessageDigest md = ArchiveStore.sha256();

        HashingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            md.update((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            md.update(b, off, len);
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // the ZIP entry is closed by the caller
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
