package org.fluorovault.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a data set into the stream {@link Association#sendMessage} fragments into PDVs. */
@FunctionalInterface
public interface DataWriter {

    void writeTo(OutputStream out) throws IOException;
}
