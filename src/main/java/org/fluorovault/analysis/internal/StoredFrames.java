package org.fluorovault.analysis.internal;

import java.util.Optional;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.InstanceIndex;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameSource;
import org.springframework.stereotype.Component;

/** Opens the frames of an indexed object from the archive; pixel data stays on disk until a frame is decoded. */
@Component
public class StoredFrames {
    private final InstanceIndex index;
    private final ArchiveStore archive;

    public StoredFrames(InstanceIndex index, ArchiveStore archive) {
        this.index = index;
        this.archive = archive;
    }

    /** The calling AE title the object arrived from (null when unknown or not archived). */
    public String callingAet(String sopInstanceUid) {
        StoredInstance si = index.find(sopInstanceUid);
        return si == null ? null : si.callingAet();
    }

    /** Empty when the instance is not in the archive. */
    public Optional<FrameSource> open(String sopInstanceUid) throws FrameDecodeException {
        StoredInstance si = index.find(sopInstanceUid);
        if (si == null) return Optional.empty();
        return Optional.of(FrameSource.open(archive.resolve(si.path())));
    }
}
