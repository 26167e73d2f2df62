package org.fluorovault.dicom.net.ul;

import java.io.IOException;

/** The association ended with an A-ABORT, received from the peer or sent by us. */
public class AssociationAbortedException extends IOException {

    private final int source;
    private final int reason;
    private final boolean local;

    public AssociationAbortedException(AAbort abort, boolean local) {
        super((local ? "aborted locally" : "aborted by peer") + ": source " + abort.source()
                + ", reason " + abort.reason()
                + (abort.source() == AAbort.SOURCE_SERVICE_PROVIDER
                        ? " (" + AbortReason.of(abort.reason()) + ")"
                        : ""));
        this.source = abort.source();
        this.reason = abort.reason();
        this.local = local;
    }

    public int source() {
        return source;
    }

    public int reason() {
        return reason;
    }

    /** True if this side sent the A-ABORT. */
    public boolean local() {
        return local;
    }
}
