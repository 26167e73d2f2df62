package org.fluorovault.dicom.net.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;

/**
 * Builders and readers of command sets (group 0000, PS3.7 E.1): requests, responses, status. The
 * command elements are the generated {@link Tags} constants ({@code Tags.CommandField},
 * {@code Tags.MessageID}, ...).
 */
public final class Commands {
    /** Command Data Set Type value meaning "no data set". */
    public static final int NO_DATASET = 0x0101;
    /** Value used when a data set follows (any other value than 0x0101 means present). */
    public static final int DATASET_PRESENT = 0x0000;

    public static final int PRIORITY_MEDIUM = 0, PRIORITY_HIGH = 1, PRIORITY_LOW = 2;

    private Commands() {}

    public static Attributes parse(byte[] command) throws IOException {
        return new DicomReader(new ByteArrayInputStream(command), null)
                .maxValueLength(1 << 16)
                .readDataset(TransferSyntax.IMPLICIT_LE);
    }

    public static byte[] encode(Attributes cmd) {
        return DicomWriter.encodeCommand(cmd);
    }

    public static CommandField commandField(Attributes cmd) {
        return CommandField.of(cmd.getInt(Tags.CommandField, -1));
    }

    public static boolean hasDataset(Attributes cmd) {
        return cmd.getInt(Tags.CommandDataSetType, NO_DATASET) != NO_DATASET;
    }

    public static Status status(Attributes rsp) {
        return new Status(rsp.getInt(Tags.Status, 0xFFFF));
    }

    public static Attributes cEchoRq(int msgId) {
        Attributes c = new Attributes();
        c.setString(Tags.AffectedSOPClassUID, VR.UI, Uids.Verification);
        c.setInt(Tags.CommandField, VR.US, CommandField.C_ECHO_RQ.code());
        c.setInt(Tags.MessageID, VR.US, msgId);
        c.setInt(Tags.CommandDataSetType, VR.US, NO_DATASET);
        return c;
    }

    public static Attributes cStoreRq(int msgId, String sopClassUid, String sopInstanceUid, int priority) {
        Attributes c = new Attributes();
        c.setString(Tags.AffectedSOPClassUID, VR.UI, sopClassUid);
        c.setInt(Tags.CommandField, VR.US, CommandField.C_STORE_RQ.code());
        c.setInt(Tags.MessageID, VR.US, msgId);
        c.setInt(Tags.Priority, VR.US, priority);
        c.setInt(Tags.CommandDataSetType, VR.US, DATASET_PRESENT);
        c.setString(Tags.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
        return c;
    }

    /** A C-STORE-RQ as a sub-operation of the C-MOVE {@code moveMessageId} from {@code moveOriginatorAet}. */
    public static Attributes cStoreRq(
            int msgId,
            String sopClassUid,
            String sopInstanceUid,
            int priority,
            String moveOriginatorAet,
            int moveMessageId) {
        Attributes c = cStoreRq(msgId, sopClassUid, sopInstanceUid, priority);
        c.setString(Tags.MoveOriginatorApplicationEntityTitle, VR.AE, moveOriginatorAet);
        c.setInt(Tags.MoveOriginatorMessageID, VR.US, moveMessageId);
        return c;
    }

    /** Sets the sub-operation counts (0000,1020-1023) of a C-MOVE/C-GET response; a negative count is left out. */
    public static Attributes setSuboperations(Attributes rsp, int remaining, int completed, int failed, int warning) {
        if (remaining >= 0) rsp.setInt(Tags.NumberOfRemainingSuboperations, VR.US, remaining);
        if (completed >= 0) rsp.setInt(Tags.NumberOfCompletedSuboperations, VR.US, completed);
        if (failed >= 0) rsp.setInt(Tags.NumberOfFailedSuboperations, VR.US, failed);
        if (warning >= 0) rsp.setInt(Tags.NumberOfWarningSuboperations, VR.US, warning);
        return rsp;
    }

    /** The response to {@code rq}: same SOP class/instance, the response command field, no data set. */
    public static Attributes response(Attributes rq, Status status) {
        Attributes c = new Attributes();
        String cuid = rq.getString(Tags.AffectedSOPClassUID);
        if (cuid == null) cuid = rq.getString(Tags.RequestedSOPClassUID);
        if (cuid != null) c.setString(Tags.AffectedSOPClassUID, VR.UI, cuid);
        c.setInt(Tags.CommandField, VR.US, rq.getInt(Tags.CommandField, 0) | 0x8000);
        c.setInt(Tags.MessageIDBeingRespondedTo, VR.US, rq.getInt(Tags.MessageID, 0));
        c.setInt(Tags.CommandDataSetType, VR.US, NO_DATASET);
        c.setInt(Tags.Status, VR.US, status.code());
        String iuid = rq.getString(Tags.AffectedSOPInstanceUID);
        if (iuid == null) iuid = rq.getString(Tags.RequestedSOPInstanceUID);
        if (iuid != null) c.setString(Tags.AffectedSOPInstanceUID, VR.UI, iuid);
        return c;
    }

    /** A failure response with an Error Comment and offending elements. */
    public static Attributes failure(Attributes rq, DimseException e) {
        Attributes c = response(rq, e.status());
        if (!e.errorComment().isEmpty()) c.setString(Tags.ErrorComment, VR.LO, e.errorComment());
        if (e.offendingElements().length > 0) c.setInt(Tags.OffendingElement, VR.AT, e.offendingElements());
        return c;
    }
}
