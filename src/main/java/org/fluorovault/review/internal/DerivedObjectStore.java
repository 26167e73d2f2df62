package org.fluorovault.review.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.fluorovault.archive.ArchiveException;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.StoreOutcome;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.ul.Implementation;
import org.springframework.stereotype.Component;

/**
 * Puts an object FluoroVault made itself into the archive the way received objects go: a
 * Part-10 file in the archive's temporary folder, hashed (SHA-256) while written, forced to disk,
 * then moved into place and indexed by {@link ArchiveStore}.
 */
@Component
public class DerivedObjectStore {
    private final ArchiveStore archive;

    public DerivedObjectStore(ArchiveStore archive) {
        this.archive = archive;
    }

    public void store(Attributes ds) {
        String iuid = ds.getString(Tags.SOPInstanceUID);
        Path temp = null;
        try {
            temp = archive.newTempFile();
            MessageDigest md = ArchiveStore.sha256();
            Attributes fmi = FileMetaInformation.create(
                    ds.getString(Tags.SOPClassUID),
                    iuid,
                    TransferSyntax.EXPLICIT_VR_LE,
                    Implementation.CLASS_UID,
                    Implementation.VERSION_NAME,
                    null);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out =
                        new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 65536), md);
                DicomWriter w = new DicomWriter(out);
                w.writeFile(fmi, ds);
                w.flush();
                out.flush();
                if (archive.fsync()) ch.force(true);
            }
            long size = Files.size(temp);
            StoreOutcome outcome = archive.store(
                    temp,
                    ds,
                    TransferSyntax.EXPLICIT_VR_LE,
                    size,
                    HexFormat.of().formatHex(md.digest()),
                    null);
            if (outcome != StoreOutcome.STORED)
                throw new ArchiveException("review document " + iuid + " not stored: " + outcome, null);
            temp = null; // moved into place
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write review document " + iuid, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stale *.part file is removed at the next start
                }
            }
        }
    }
}
