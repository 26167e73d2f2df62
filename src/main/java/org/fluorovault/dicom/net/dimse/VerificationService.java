package org.fluorovault.dicom.net.dimse;

import java.util.Set;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.TransferSyntaxRegistry;

/** The Verification SOP Class SCP (PS3.4 A): answers C-ECHO with success. */
public final class VerificationService implements DicomServiceProvider {
    /** Implicit and explicit VR little endian, and explicit VR big endian for old requestors. */
    public static final Set<String> TRANSFER_SYNTAXES = TransferSyntaxRegistry.uids(
            Uids.ImplicitVRLittleEndian, Uids.ExplicitVRLittleEndian, Uids.ExplicitVRBigEndian);

    @Override
    public Set<String> sopClasses() {
        return Set.of(Uids.Verification);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return TRANSFER_SYNTAXES;
    }

    @Override
    public void registerOn(DimseDispatcher dispatcher) {
        dispatcher.register(
                CommandField.C_ECHO_RQ,
                Uids.Verification,
                (assoc, pc, cmd, data, responder) -> responder.respond(Commands.response(cmd, Status.SUCCESS), null));
    }
}
