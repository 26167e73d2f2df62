package org.fluorovault.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.UidGenerator;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.io.TransferSyntaxRegistry;
import org.fluorovault.dicom.net.dimse.CommandField;
import org.fluorovault.dicom.net.dimse.Commands;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.DimseResponder;
import org.fluorovault.dicom.net.dimse.MppsStatus;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.ul.Association;
import org.fluorovault.dicom.net.ul.PresentationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Modality Performed Procedure Step SCP (PS3.4 F.7): N-CREATE with status IN PROGRESS, N-SET
 * while IN PROGRESS, to COMPLETED or DISCONTINUED, after which the instance no longer changes.
 */
@Component
final class MppsScp implements DicomServiceProvider {
    static final String SOP_CLASS = Uids.ModalityPerformedProcedureStep;
    /** Implicit or explicit VR little endian. */
    static final Set<String> TRANSFER_SYNTAXES =
            TransferSyntaxRegistry.uids(Uids.ImplicitVRLittleEndian, Uids.ExplicitVRLittleEndian);

    static final int MAX_VALUE = 1 << 20;
    private static final Set<String> STATES = Set.of("IN PROGRESS", "COMPLETED", "DISCONTINUED");
    private static final Logger LOG = LoggerFactory.getLogger(MppsScp.class);

    private final MppsRecords records;
    private final Object lock = new Object();

    MppsScp(MppsRecords records) {
        this.records = records;
    }

    @Override
    public Set<String> sopClasses() {
        return Set.of(SOP_CLASS);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return TRANSFER_SYNTAXES;
    }

    @Override
    public void registerOn(DimseDispatcher dispatcher) {
        dispatcher
                .register(CommandField.N_CREATE_RQ, SOP_CLASS, this::onCreate)
                .register(CommandField.N_SET_RQ, SOP_CLASS, this::onSet);
    }

    private void onCreate(
            Association assoc, PresentationContext pc, Attributes cmd, InputStream data, DimseResponder responder)
            throws IOException {
        Attributes ds = read(pc, cmd, data);
        checkSopClass(cmd.getString(Tags.AffectedSOPClassUID));
        String iuid = cmd.getString(Tags.AffectedSOPInstanceUID);
        boolean generated = iuid == null || iuid.isBlank();
        if (generated) iuid = UidGenerator.fromUuid();
        String status = ds.getString(Tags.PerformedProcedureStepStatus);
        if (!"IN PROGRESS".equals(status)) {
            throw new DimseException(
                    MppsStatus.INVALID_ATTRIBUTE_VALUE,
                    "Performed Procedure Step Status must be IN PROGRESS",
                    Tags.PerformedProcedureStepStatus);
        }
        synchronized (lock) {
            if (records.status(iuid) != null) {
                throw new DimseException(MppsStatus.DUPLICATE_SOP_INSTANCE, "MPPS instance already exists");
            }
            records.create(iuid, ds, assoc.callingAet(), Instant.now());
        }
        LOG.info("{}: MPPS {} created (IN PROGRESS)", assoc.name(), iuid);
        Attributes rsp = Commands.response(cmd, Status.SUCCESS);
        rsp.setString(Tags.AffectedSOPInstanceUID, VR.UI, iuid);
        responder.respond(rsp, null);
    }

    private void onSet(
            Association assoc, PresentationContext pc, Attributes cmd, InputStream data, DimseResponder responder)
            throws IOException {
        Attributes ds = read(pc, cmd, data);
        checkSopClass(cmd.getString(Tags.RequestedSOPClassUID));
        String iuid = cmd.getString(Tags.RequestedSOPInstanceUID);
        if (iuid == null || iuid.isBlank()) {
            throw new DimseException(MppsStatus.MISSING_ATTRIBUTE, "N-SET-RQ lacks Requested SOP Instance UID");
        }
        String next = ds.getString(Tags.PerformedProcedureStepStatus);
        if (ds.contains(Tags.PerformedProcedureStepStatus) && !STATES.contains(next)) {
            throw new DimseException(
                    MppsStatus.INVALID_ATTRIBUTE_VALUE,
                    "Performed Procedure Step Status: IN PROGRESS, COMPLETED or DISCONTINUED",
                    Tags.PerformedProcedureStepStatus);
        }
        String now;
        synchronized (lock) {
            now = records.status(iuid);
            if (now == null) throw new DimseException(MppsStatus.NO_SUCH_OBJECT_INSTANCE, "No such MPPS instance");
            if (!"IN PROGRESS".equals(now)) {
                throw new DimseException(
                        MppsStatus.PROCESSING_FAILURE, "Performed Procedure Step Object may no longer be updated");
            }
            records.set(iuid, ds, Instant.now());
        }
        LOG.info("{}: MPPS {} set ({})", assoc.name(), iuid, next == null ? now : next);
        responder.respond(Commands.response(cmd, Status.SUCCESS), null);
    }

    private static void checkSopClass(String cuid) {
        if (cuid != null && !SOP_CLASS.equals(cuid)) {
            throw new DimseException(MppsStatus.NO_SUCH_SOP_CLASS, "Not the MPPS SOP Class");
        }
    }

    private static Attributes read(PresentationContext pc, Attributes cmd, InputStream data) throws IOException {
        if (data == null) throw new DimseException(MppsStatus.MISSING_ATTRIBUTE, "Request without a data set");
        try {
            return new DicomReader(data, null)
                    .maxValueLength(MAX_VALUE)
                    .readDataset(TransferSyntax.of(pc.transferSyntax()));
        } catch (IOException e) {
            throw new DimseException(MppsStatus.PROCESSING_FAILURE, "Unreadable data set: " + e.getMessage());
        }
    }
}
