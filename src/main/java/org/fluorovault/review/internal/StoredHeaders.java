package org.fluorovault.review.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.io.DicomReader;
import org.springframework.stereotype.Component;

/** The data set of a stored object up to its pixel data, read from the archive's file. */
@Component
public class StoredHeaders {
    private final InstanceIndex index;
    private final ArchiveStore archive;

    public StoredHeaders(InstanceIndex index, ArchiveStore archive) {
        this.index = index;
        this.archive = archive;
    }

    /** A stored object and its header. */
    public record Header(StoredInstance instance, Attributes dataset) {
        public int frames() {
            return Math.max(1, dataset.getInt(org.fluorovault.dicom.dict.Tags.NumberOfFrames, 1));
        }

        public int rows() {
            return dataset.getInt(org.fluorovault.dicom.dict.Tags.Rows, 0);
        }

        public int columns() {
            return dataset.getInt(org.fluorovault.dicom.dict.Tags.Columns, 0);
        }
    }

    public boolean isStored(String sopInstanceUid) {
        return index.find(sopInstanceUid) != null;
    }

    /** Empty when the archive holds no such object. */
    public Optional<Header> read(String sopInstanceUid) {
        StoredInstance si = index.find(sopInstanceUid);
        if (si == null) return Optional.empty();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(archive.resolve(si.path())), 65536);
                DicomReader r = new DicomReader(in, archive.resolve(si.path()))) {
            r.bulkMode(DicomReader.BulkMode.REFERENCE);
            r.stopAt(Tag.PixelData);
            r.readFileMetaInformation();
            return Optional.of(
                    new Header(si, r.readDataset(org.fluorovault.dicom.io.TransferSyntax.of(si.transferSyntaxUid()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored object " + sopInstanceUid, e);
        }
    }
}
