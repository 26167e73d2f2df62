package org.fluorovault.procedure;

import org.fluorovault.common.ConflictException;

/** An update was based on a version that is no longer the current one, or a transition is not allowed now. */
public class VersionConflictException extends ConflictException {
    public VersionConflictException(String message) {
        super(message);
    }
}
