package org.fluorovault.procedure;

/** An update was based on a version that is no longer the current one, or a transition is not allowed now. */
public class VersionConflictException extends RuntimeException {
    public VersionConflictException(String message) { super(message); }
}
