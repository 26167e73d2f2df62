package org.fluorovault.dicom.net.dimse;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;

/** Command set elements (group 0000, PS3.7 E.1) and builders for requests and responses. */
public final class Commands {
    public static final int CommandGroupLength = 0x00000000;
    public static final int AffectedSOPClassUID = 0x00000002;
    public static final int RequestedSOPClassUID = 0x00000003;
    public static final int CommandField = 0x00000100;
    public static final int MessageID = 0x00000110;
    public static final int MessageIDBeingRespondedTo = 0x00000120;
    public static final int MoveDestination = 0x00000600;
    public static final int Priority = 0x00000700;
    public static final int CommandDataSetType = 0x00000800;
    public static final int Status = 0x00000900;
    public static final int OffendingElement = 0x00000901;
    public static final int ErrorComment = 0x00000902;
    public static final int ErrorID = 0x00000903;
    public static final int AffectedSOPInstanceUID = 0x00001000;
    public static final int RequestedSOPInstanceUID = 0x00001001;
    public static final int EventTypeID = 0x00001002;
    public static final int AttributeIdentifierList = 0x00001005;
    public static final int ActionTypeID = 0x00001008;
    public static final int NumberOfRemainingSuboperations = 0x00001020;
    public static final int NumberOfCompletedSuboperations = 0x00001021;
    public static final int NumberOfFailedSuboperations = 0x00001022;
    public static final int NumberOfWarningSuboperations = 0x00001023;
    public static final int MoveOriginatorApplicationEntityTitle = 0x00001030;
    public static final int MoveOriginatorMessageID = 0x00001031;

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
        return org.fluorovault.dicom.net.dimse.CommandField.of(cmd.getInt(CommandField, -1));
    }

    public static boolean hasDataset(Attributes cmd) {
        return cmd.getInt(CommandDataSetType, NO_DATASET) != NO_DATASET;
    }

    public static Status status(Attributes rsp) {
        return new Status(rsp.getInt(Status, 0xFFFF));
    }

    public static Attributes cEchoRq(int msgId) {
        Attributes c = new Attributes();
        c.setString(AffectedSOPClassUID, VR.UI, "1.2.840.10008.1.1");
        c.setInt(CommandField, VR.US, org.fluorovault.dicom.net.dimse.CommandField.C_ECHO_RQ.code());
        c.setInt(MessageID, VR.US, msgId);
        c.setInt(CommandDataSetType, VR.US, NO_DATASET);
        return c;
    }

    public static Attributes cStoreRq(int msgId, String sopClassUid, String sopInstanceUid, int priority) {
        Attributes c = new Attributes();
        c.setString(AffectedSOPClassUID, VR.UI, sopClassUid);
        c.setInt(CommandField, VR.US, org.fluorovault.dicom.net.dimse.CommandField.C_STORE_RQ.code());
        c.setInt(MessageID, VR.US, msgId);
        c.setInt(Priority, VR.US, priority);
        c.setInt(CommandDataSetType, VR.US, DATASET_PRESENT);
        c.setString(AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
        return c;
    }

    /** A C-STORE-RQ as a sub-operation of the C-MOVE {@code moveMessageId} from {@code moveOriginatorAet}. */
    public static Attributes cStoreRq(int msgId, String sopClassUid, String sopInstanceUid, int priority,
                                      String moveOriginatorAet, int moveMessageId) {
        Attributes c = cStoreRq(msgId, sopClassUid, sopInstanceUid, priority);
        c.setString(MoveOriginatorApplicationEntityTitle, VR.AE, moveOriginatorAet);
        c.setInt(MoveOriginatorMessageID, VR.US, moveMessageId);
        return c;
    }

    /** Sets the sub-operation counts (0000,1020-1023) of a C-MOVE/C-GET response; a negative count is left out. */
    public static Attributes setSuboperations(Attributes rsp, int remaining, int completed, int failed, int warning) {
        if (remaining >= 0) rsp.setInt(NumberOfRemainingSuboperations, VR.US, remaining);
        if (completed >= 0) rsp.setInt(NumberOfCompletedSuboperations, VR.US, completed);
        if (failed >= 0) rsp.setInt(NumberOfFailedSuboperations, VR.US, failed);
        if (warning >= 0) rsp.setInt(NumberOfWarningSuboperations, VR.US, warning);
        return rsp;
    }

    /** The response to {@code rq}: same SOP class/instance, the response command field, no data set. */
    public static Attributes response(Attributes rq, Status status) {
        Attributes c = new Attributes();
        String cuid = rq.getString(AffectedSOPClassUID);
        if (cuid == null) cuid = rq.getString(RequestedSOPClassUID);
        if (cuid != null) c.setString(AffectedSOPClassUID, VR.UI, cuid);
        c.setInt(CommandField, VR.US, rq.getInt(CommandField, 0) | 0x8000);
        c.setInt(MessageIDBeingRespondedTo, VR.US, rq.getInt(MessageID, 0));
        c.setInt(CommandDataSetType, VR.US, NO_DATASET);
        c.setInt(Status, VR.US, status.code());
        String iuid = rq.getString(AffectedSOPInstanceUID);
        if (iuid == null) iuid = rq.getString(RequestedSOPInstanceUID);
        if (iuid != null) c.setString(AffectedSOPInstanceUID, VR.UI, iuid);
        return c;
    }

    /** A failure response with an Error Comment and offending elements. */
    public static Attributes failure(Attributes rq, DimseException e) {
        Attributes c = response(rq, e.status());
        if (!e.errorComment().isEmpty()) c.setString(ErrorComment, VR.LO, e.errorComment());
        if (e.offendingElements().length > 0) c.setInt(OffendingElement, VR.AT, e.offendingElements());
        return c;
    }
}
