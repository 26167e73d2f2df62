package org.fluorovault.dicom.net.ul;

import java.io.IOException;

/** Receives the DIMSE messages of one association. Called on the association's single reader thread. */
public interface DimseReceiver {

    /**
     * A complete command set (all command PDVs of one message, concatenated) arrived on pc. If the
     * command announces a data set (the DIMSE layer knows from CommandDataSetType), the receiver
     * reads it from {@link Association#openDataStream()} BEFORE returning; whatever it leaves
     * unread is drained by the UL so the association never desyncs.
     * <p>
     * A {@link UlProtocolException} thrown from here aborts the association with its reason
     * (source 2); any other exception aborts it as the service user (source 0).
     */
    void onCommand(Association assoc, PresentationContext pc, byte[] command) throws IOException;

    /** The association ended (released, aborted, or failed); cause null on orderly release. */
    default void onClosed(Association assoc, Throwable cause) {}
}
