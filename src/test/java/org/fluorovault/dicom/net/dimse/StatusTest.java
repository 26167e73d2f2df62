package org.fluorovault.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Categories and descriptions of DIMSE statuses, general and per service (ranged codes included). */
class StatusTest {
    @Test
    void generalCodesAreNamedWhateverTheService() {
        assertEquals("Success", Status.SUCCESS.description());
        assertEquals("Refused: SOP Class Not Supported", Status.SOP_CLASS_NOT_SUPPORTED.description());
        assertEquals(
                "Refused: SOP Class Not Supported",
                Status.SOP_CLASS_NOT_SUPPORTED.description(CommandField.C_STORE_RQ));
        assertEquals(
                "Failure: Invalid SOP Instance", Status.INVALID_OBJECT_INSTANCE.description(CommandField.N_SET_RQ));
        assertEquals("Failure: No Such SOP Class", MppsStatus.NO_SUCH_SOP_CLASS.description(CommandField.N_CREATE_RQ));
        assertEquals("Failure: No Such Action", CommitmentStatus.NO_SUCH_ACTION.description(CommandField.N_ACTION_RQ));
        assertEquals("Refused: Not Authorized", Status.NOT_AUTHORIZED.description());
        assertEquals("Failure: Unrecognized Operation", Status.UNRECOGNIZED_OPERATION.description());
        assertEquals("Cancel: operation terminated", Status.CANCEL.description(CommandField.C_FIND_RSP));
        assertEquals("Warning: Attribute List Error", new Status(0x0107).description());
    }

    @Test
    void rangedCodesTakeTheirServicesMeaning() {
        assertEquals("Refused: Out of Resources", new Status(0xA7F3).description(CommandField.C_STORE_RQ));
        assertEquals(
                "Error: Data Set does not match SOP Class", new Status(0xA912).description(CommandField.C_STORE_RSP));
        assertEquals("Error: Cannot understand", new Status(0xC123).description(CommandField.C_STORE_RQ));
        assertEquals(
                "Error: Identifier does not match SOP Class", new Status(0xA900).description(CommandField.C_FIND_RQ));
        assertEquals("Error: Unable to process", new Status(0xCFFF).description(CommandField.C_MOVE_RQ));
        assertEquals(
                "Refused: Move Destination unknown",
                QueryRetrieveStatus.MOVE_DESTINATION_UNKNOWN.description(CommandField.C_MOVE_RQ));
        assertEquals(
                "Refused: Out of Resources - unable to perform sub-operations",
                QueryRetrieveStatus.UNABLE_TO_PERFORM_SUBOPERATIONS.description(CommandField.C_GET_RQ));
        assertEquals("Warning: Coercion of Data Elements", new Status(0xB000).description(CommandField.C_STORE_RQ));
        assertEquals(
                "Warning: Sub-operations complete - one or more failures or warnings",
                new Status(0xB000).description(CommandField.C_MOVE_RSP));
        assertEquals(
                "Pending: matches are continuing, one or more Optional Keys not supported",
                Status.PENDING_WARNING.description(CommandField.C_FIND_RQ));
        assertEquals("Pending: sub-operations are continuing", Status.PENDING.description(CommandField.C_GET_RQ));
        assertEquals(
                "Failure: Duplicate Transaction UID",
                CommitmentStatus.FAILURE_DUPLICATE_TRANSACTION_UID.description(CommandField.N_EVENT_REPORT_RQ));
    }

    @Test
    void withoutAServiceRangesHaveTheirCommonMeaningAndUnknownCodesTheirCategory() {
        assertEquals("Refused: Out of Resources", new Status(0xA702).description());
        assertEquals("Error: Data Set or Identifier does not match SOP Class", new Status(0xA901).description());
        assertEquals("Error: Cannot understand or Unable to process", new Status(0xC001).description());
        assertEquals("Warning", new Status(0xB123).description());
        assertEquals(Status.Category.WARNING, new Status(0xB123).category());
        assertEquals("Failure", new Status(0xA801).description(), "A801 means something only for C-MOVE");
        assertEquals("Failure", new Status(0xA801).description(CommandField.C_GET_RQ));
        assertEquals("Failure", new Status(0x0999).description(CommandField.N_ACTION_RQ));
        assertEquals("Refused: Out of Resources", new Status(0xA700).description(null));
    }

    @Test
    void statusesStayComparableByCodeAndPrintTheirCategory() {
        assertEquals(new Status(0x0111), StoreStatus.DUPLICATE_SOP_INSTANCE);
        assertEquals(MppsStatus.DUPLICATE_SOP_INSTANCE, StoreStatus.DUPLICATE_SOP_INSTANCE);
        assertNotEquals(Status.SUCCESS, Status.PENDING);
        assertEquals("0122 (FAILURE)", Status.SOP_CLASS_NOT_SUPPORTED.toString());
        for (int code = 0; code <= 0xFFFF; code += 0x11) {
            assertTrue(!new Status(code).description().isEmpty(), Integer.toHexString(code));
        }
    }
}
