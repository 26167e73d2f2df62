package org.fluorovault.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Storage SCP capability: consume the data set of one C-STORE request. Return the status to
 * answer (success or a warning) or throw {@link DimseException} for a failure. An IOException
 * means the association itself broke; nothing may be left half-stored in either case.
 */
@FunctionalInterface
public interface CStoreHandler {
    Status store(StoreContext ctx, InputStream dataset) throws IOException;
}
