package org.fluorovault.dicom.net.dimse;

/**
 * A service failure to be answered with {@code status}, an Error Comment (0000,0902, at most 64
 * characters) and optionally the offending elements (0000,0901).
 */
public class DimseException extends RuntimeException {
    private final Status status;
    private final int[] offendingElements;

    public DimseException(Status status, String errorComment, int... offendingElements) {
        super(errorComment);
        this.status = status;
        this.offendingElements = offendingElements;
    }

    public DimseException(Status status, String errorComment, Throwable cause) {
        super(errorComment, cause);
        this.status = status;
        this.offendingElements = new int[0];
    }

    public Status status() {
        return status;
    }

    public int[] offendingElements() {
        return offendingElements.clone();
    }

    /** The comment as sent: LO, at most 64 characters. */
    public String errorComment() {
        String m = getMessage() == null ? "" : getMessage();
        return m.length() > 64 ? m.substring(0, 64) : m;
    }
}
