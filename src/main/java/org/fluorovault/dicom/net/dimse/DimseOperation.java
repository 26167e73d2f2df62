package org.fluorovault.dicom.net.dimse;

import java.io.IOException;

/**
 * A long-running, cancellable request (C-FIND, C-MOVE, C-GET). The dispatcher reads the
 * identifier on the reader thread, then runs the operation on the association's worker thread so
 * that the reader stays free for C-CANCEL-RQ and for responses to sub-operations. The operation
 * sends its pending and final responses through {@link OperationContext#respond}; a
 * {@link DimseException} it throws becomes a failure response.
 */
@FunctionalInterface
public interface DimseOperation {
    void perform(OperationContext ctx) throws IOException;
}
