package org.fluorovault.analysis;

/** The archive has no object with this SOP Instance UID. */
public class InstanceNotFoundException extends RuntimeException {
    public InstanceNotFoundException(String sopInstanceUid) {
        super("no stored instance " + sopInstanceUid);
    }
}
