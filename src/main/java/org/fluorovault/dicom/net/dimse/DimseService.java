package org.fluorovault.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.PresentationContext;

/**
 * A service for other request types (C-FIND, C-MOVE, N-ACTION...). It sends its own responses
 * through {@link DimseResponder}; a {@link DimseException} thrown before any response is turned
 * into a failure response by the dispatcher.
 */
public interface DimseService {
    void onRequest(
            Association assoc,
            PresentationContext pc,
            Attributes command,
            InputStream dataset,
            DimseResponder responder)
            throws IOException;
}
