package org.fluorovault.dicom.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fluorovault.dicom.dict.UidDictionary.UidEntry;
import org.junit.jupiter.api.Test;

class UidDictionaryTest {

    @Test
    void jpegLosslessSv1IsATransferSyntax() {
        assertEquals("1.2.840.10008.1.2.4.70", Uids.JPEGLosslessSV1);
        UidEntry e = UidDictionary.lookup("1.2.840.10008.1.2.4.70");
        assertNotNull(e);
        assertEquals("JPEGLosslessSV1", e.keyword());
        assertEquals("Transfer Syntax", e.type());
        assertFalse(e.retired());
        assertTrue(UidDictionary.isTransferSyntax(Uids.JPEGLosslessSV1));
        assertEquals(
                "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])",
                UidDictionary.nameOf(Uids.JPEGLosslessSV1));
        assertEquals("1.2.840.10008.1.2.4.57", Uids.JPEGLossless);
        assertFalse(UidDictionary.isStorageSopClass(Uids.JPEGLosslessSV1));
    }

    @Test
    void allTableA1TransferSyntaxesTheArchiveMeets() {
        List<String> syntaxes = List.of(
                Uids.ImplicitVRLittleEndian,
                Uids.ExplicitVRLittleEndian,
                Uids.DeflatedExplicitVRLittleEndian,
                Uids.ExplicitVRBigEndian,
                Uids.JPEGBaseline8Bit,
                Uids.JPEGExtended12Bit,
                Uids.JPEGLossless,
                Uids.JPEGLosslessSV1,
                Uids.JPEGLSLossless,
                Uids.JPEGLSNearLossless,
                Uids.JPEG2000Lossless,
                Uids.JPEG2000,
                Uids.RLELossless,
                Uids.MPEG2MPML,
                Uids.MPEG2MPHL,
                Uids.MPEG4HP41,
                Uids.MPEG4HP41BD,
                Uids.MPEG4HP422D,
                Uids.MPEG4HP423D,
                Uids.MPEG4HP42STEREO,
                Uids.HEVCMP51,
                Uids.HEVCM10P51);
        for (String uid : syntaxes) assertTrue(UidDictionary.isTransferSyntax(uid), uid);
        assertEquals("1.2.840.10008.1.2", Uids.ImplicitVRLittleEndian);
        assertEquals("1.2.840.10008.1.2.1.99", Uids.DeflatedExplicitVRLittleEndian);
        assertEquals("1.2.840.10008.1.2.2", Uids.ExplicitVRBigEndian);
        assertTrue(UidDictionary.lookup(Uids.ExplicitVRBigEndian).retired());
        assertEquals("1.2.840.10008.1.2.5", Uids.RLELossless);
        assertEquals("1.2.840.10008.1.2.4.91", Uids.JPEG2000);
        assertEquals("1.2.840.10008.1.2.4.108", Uids.HEVCM10P51);
    }

    @Test
    void storageSopClasses() {
        assertEquals("1.2.840.10008.5.1.4.1.1.12.1", Uids.XRayAngiographicImageStorage);
        assertTrue(UidDictionary.isStorageSopClass(Uids.XRayAngiographicImageStorage));
        assertTrue(UidDictionary.isStorageSopClass("1.2.840.10008.5.1.4.1.1.88.67")); // X-Ray Radiation Dose SR
        assertTrue(UidDictionary.isStorageSopClass("1.2.840.10008.5.1.4.1.1.88.59")); // Key Object Selection
        assertTrue(UidDictionary.isStorageSopClass(Uids.EncapsulatedPDFStorage));
        assertTrue(UidDictionary.isStorageSopClass(Uids.GrayscaleSoftcopyPresentationStateStorage));
        assertTrue(UidDictionary.isStorageSopClass(Uids.XAXRFGrayscaleSoftcopyPresentationStateStorage));
        assertTrue(UidDictionary.isStorageSopClass(Uids.DigitalXRayImageStorageForPresentation));
        assertTrue(UidDictionary.isStorageSopClass(Uids.EnhancedXAImageStorage));
        assertTrue(UidDictionary.isStorageSopClass(Uids.XRayRadiofluoroscopicImageStorage));
        assertEquals("X-Ray Radiation Dose SR Storage", UidDictionary.nameOf(Uids.XRayRadiationDoseSRStorage));
    }

    @Test
    void nonStorageUids() {
        assertEquals("1.2.840.10008.1.1", Uids.Verification);
        assertFalse(UidDictionary.isStorageSopClass(Uids.Verification));
        assertFalse(UidDictionary.isTransferSyntax(Uids.Verification));
        assertEquals("SOP Class", UidDictionary.lookup(Uids.Verification).type());
        assertFalse(UidDictionary.isStorageSopClass(Uids.StorageCommitmentPushModel));
        assertFalse(UidDictionary.isStorageSopClass(Uids.MediaStorageDirectoryStorage));
        assertFalse(UidDictionary.isStorageSopClass(Uids.StudyRootQueryRetrieveInformationModelMove));
        assertFalse(UidDictionary.isStorageSopClass(null));
        assertFalse(UidDictionary.isTransferSyntax(null));
    }

    @Test
    void servicesTheArchiveNegotiates() {
        assertEquals("1.2.840.10008.1.20.1", Uids.StorageCommitmentPushModel);
        assertEquals("1.2.840.10008.1.20.1.1", Uids.StorageCommitmentPushModelInstance);
        assertEquals(
                "Well-known SOP Instance",
                UidDictionary.lookup(Uids.StorageCommitmentPushModelInstance).type());
        assertEquals("1.2.840.10008.3.1.1.1", Uids.DICOMApplicationContext);
        assertEquals(
                "Application Context Name",
                UidDictionary.lookup(Uids.DICOMApplicationContext).type());
        assertEquals("1.2.840.10008.5.1.4.1.2.2.1", Uids.StudyRootQueryRetrieveInformationModelFind);
        assertEquals("1.2.840.10008.5.1.4.1.2.1.2", Uids.PatientRootQueryRetrieveInformationModelMove);
        assertEquals("1.2.840.10008.5.1.4.1.2.2.3", Uids.StudyRootQueryRetrieveInformationModelGet);
        assertEquals("1.2.840.10008.5.1.4.31", Uids.ModalityWorklistInformationModelFind);
        assertEquals("1.2.840.10008.3.1.2.3.3", Uids.ModalityPerformedProcedureStep);
        assertEquals(
                "Study Root Query/Retrieve Information Model - FIND",
                UidDictionary.nameOf(Uids.StudyRootQueryRetrieveInformationModelFind));
    }

    @Test
    void unknownUids() {
        assertNull(UidDictionary.lookup("1.2.3.4"));
        assertNull(UidDictionary.lookup(null));
        assertEquals("1.2.3.4", UidDictionary.nameOf("1.2.3.4"));
        assertFalse(UidDictionary.isTransferSyntax("1.2.3.4"));
    }

    @Test
    void everyEntryIsReachable() {
        List<UidEntry> all = UidDictionary.entries();
        assertTrue(all.size() > 400, "UID count " + all.size());
        for (UidEntry e : all) assertEquals(e, UidDictionary.lookup(e.uid()));
    }
}
