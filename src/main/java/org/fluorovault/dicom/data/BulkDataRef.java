package org.fluorovault.dicom.data;

import java.nio.file.Path;

/**
 * A value left on disk: {@code length} bytes at {@code offset} in {@code path}. Used for pixel
 * data and fragments so a large multi-frame object never has to fit on the heap.
 */
public record BulkDataRef(Path path, long offset, long length) {
    public BulkDataRef {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
    }
}
