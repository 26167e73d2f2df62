package org.fluorovault.dicom.net.dimse;

import java.io.IOException;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.net.ul.DataWriter;

/** Sends responses to one request on its presentation context. */
public interface DimseResponder {
    void respond(Attributes responseCommand, DataWriter dataset) throws IOException;
}
