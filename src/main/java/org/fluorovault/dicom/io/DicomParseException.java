package org.fluorovault.dicom.io;

import java.io.IOException;

/** The bytes are not a well-formed DICOM data set (truncated, bad lengths, unknown VR, too deep...). */
public class DicomParseException extends IOException {
    private final long offset;

    public DicomParseException(String message, long offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
