package org.fluorovault.dicom.net.dimse;

import org.fluorovault.dicom.net.ul.Association;

/** What a C-STORE request says about the object whose data set follows. */
public record StoreContext(
        Association association,
        String sopClassUid,
        String sopInstanceUid,
        String transferSyntaxUid,
        int priority,
        String moveOriginatorAet,
        int moveOriginatorMessageId) {}
