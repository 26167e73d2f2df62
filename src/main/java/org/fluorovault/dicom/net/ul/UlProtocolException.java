package org.fluorovault.dicom.net.ul;

import java.io.IOException;

/**
 * A peer broke the Upper Layer protocol. The association answers with an A-ABORT (source 2) whose
 * reason is {@link #reason()}.
 */
public class UlProtocolException extends IOException {

    private final AbortReason reason;

    public UlProtocolException(AbortReason reason, String message) {
        super(message + " (" + reason + ")");
        this.reason = reason;
    }

    public AbortReason reason() {
        return reason;
    }
}
