package org.fluorovault.archive;

import org.fluorovault.common.NotFoundException;

/** The archive has no object with this SOP Instance UID. */
public class InstanceNotFoundException extends NotFoundException {
    public InstanceNotFoundException(String sopInstanceUid) {
        super("no stored instance " + sopInstanceUid);
    }
}
