package org.fluorovault.query;

import org.fluorovault.dicom.net.dimse.DimseOperation;

/**
 * A C-FIND information model served by another feature (the Modality Worklist of the procedure
 * package): the node accepts its SOP class and routes C-FIND requests on it to {@link #operation()}.
 */
public interface FindModel {
    String sopClassUid();

    DimseOperation operation();
}
