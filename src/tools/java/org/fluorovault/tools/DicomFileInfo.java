package org.fluorovault.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.io.DicomReader;

/** What a sender needs to know of a Part-10 file: its UIDs and where the data set starts. */
public record DicomFileInfo(
        Path path, String sopClassUid, String sopInstanceUid, String transferSyntaxUid, long datasetOffset, long size) {

    /** Reads only the file meta information; throws for a file that is not DICOM Part-10. */
    public static DicomFileInfo of(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path);
                DicomReader r = new DicomReader(in, path)) {
            Attributes fmi = r.readFileMetaInformation();
            String cuid = fmi.getString(0x00020002), iuid = fmi.getString(0x00020003), ts = fmi.getString(0x00020010);
            if (cuid == null || iuid == null)
                throw new IOException("file meta information lacks SOP Class/Instance UID");
            return new DicomFileInfo(path, cuid, iuid, ts, r.position(), Files.size(path));
        }
    }
}
