package org.fluorovault.archive;

/** The archive could not store an object (disk full, index down...). Nothing was left visible. */
public class ArchiveException extends RuntimeException {
    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
