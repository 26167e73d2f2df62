package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.util.Optional;

/** The acceptor answered our A-ASSOCIATE-RQ with an A-ASSOCIATE-RJ. */
public class AssociationRejectedException extends IOException {

    private final AAssociateRj rejection;

    public AssociationRejectedException(AAssociateRj rejection) {
        super("association rejected: result " + rejection.result() + ", source " + rejection.source()
                + ", reason " + rejection.reason()
                + rejection.rejectReason().map(r -> " (" + r + ")").orElse(""));
        this.rejection = rejection;
    }

    public int result() {
        return rejection.result();
    }

    public int source() {
        return rejection.source();
    }

    public int reason() {
        return rejection.reason();
    }

    public Optional<RejectReason> rejectReason() {
        return rejection.rejectReason();
    }
}
