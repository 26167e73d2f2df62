package org.fluorovault.dicom.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.ElementDictionary.Entry;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

    @Test
    void patientNameIsPersonName() {
        assertEquals(0x00100010, Tags.PatientName);
        Entry e = ElementDictionary.entry(0x00100010);
        assertNotNull(e);
        assertEquals("PatientName", e.keyword());
        assertEquals(List.of(VR.PN), e.vrs());
        assertEquals(VR.PN, e.vr());
        assertEquals("1", e.vm());
        assertFalse(e.retired());
        assertEquals(VR.PN, ElementDictionary.vrOf(Tags.PatientName));
        assertEquals("PatientName", ElementDictionary.keywordOf(0x00100010));
    }

    @Test
    void pixelDataIsObOrOwAndDefaultsToOw() {
        assertEquals(0x7FE00010, Tags.PixelData);
        Entry e = ElementDictionary.entry(Tags.PixelData);
        assertEquals("PixelData", e.keyword());
        assertEquals(List.of(VR.OB, VR.OW), e.vrs());
        assertEquals(VR.OW, e.vr());
        // PixelData is not swallowed by the retired (7Fxx,0010) VariablePixelData family ...
        assertEquals("PixelData", ElementDictionary.keywordOf(0x7FE00010));
        // ... which still answers for the other 7Fxx groups
        assertEquals("VariablePixelData", ElementDictionary.keywordOf(0x7F100010));
        assertTrue(ElementDictionary.entry(0x7F100010).retired());
    }

    @Test
    void smallestImagePixelValueIsUsOrSs() {
        Entry e = ElementDictionary.entry(Tags.SmallestImagePixelValue);
        assertEquals(0x00280106, e.tag());
        assertEquals(List.of(VR.US, VR.SS), e.vrs());
        assertEquals(VR.US, e.vr());
        assertEquals(VR.US, ElementDictionary.vrOf(0x00280106));
    }

    @Test
    void lutDataIsUsOrOw() {
        Entry e = ElementDictionary.entry(Tags.LUTData);
        assertEquals(0x00283006, e.tag());
        assertEquals(List.of(VR.US, VR.OW), e.vrs());
        assertEquals(VR.US, e.vr());
        Entry gray = ElementDictionary.entry(Tags.GrayLookupTableData);
        assertEquals(List.of(VR.US, VR.SS, VR.OW), gray.vrs());
        assertEquals(VR.US, gray.vr());
    }

    @Test
    void overlayDataOfAnyOverlayGroupResolvesThroughTheWildcard() {
        Entry e = ElementDictionary.entry(0x60023000);
        assertNotNull(e);
        assertEquals(0x60023000, e.tag());
        assertEquals("OverlayData", e.keyword());
        assertEquals(List.of(VR.OB, VR.OW), e.vrs());
        assertEquals(VR.OW, ElementDictionary.vrOf(0x60023000));
        assertEquals("OverlayRows", ElementDictionary.keywordOf(0x601E0010));
        assertEquals(VR.US, ElementDictionary.vrOf(0x60000010));
        assertEquals(0x60003000, ElementDictionary.tagOf("OverlayData"));
        // odd group 6001 is private, not an overlay
        assertNull(ElementDictionary.entry(0x60013000));
        assertEquals(VR.UN, ElementDictionary.vrOf(0x60013000));
    }

    @Test
    void retiredRepeatingFamiliesResolveByMask() {
        assertEquals("CurveData", ElementDictionary.keywordOf(0x50043000));
        assertEquals("SourceImageIDs", ElementDictionary.keywordOf(0x002031AB));
        assertEquals("RowsForNthOrderCoefficients", ElementDictionary.keywordOf(0x00280430));
        assertEquals("ColumnsForNthOrderCoefficients", ElementDictionary.keywordOf(0x002804F1));
        assertEquals("ImageDataLocation", ElementDictionary.keywordOf(0x00280858));
        assertEquals("EscapeTriplet", ElementDictionary.keywordOf(0x10001230));
        assertEquals("ShiftTableTriplet", ElementDictionary.keywordOf(0x1000ABC5));
        assertEquals("ZonalMap", ElementDictionary.keywordOf(0x10101234));
        // single tags win over a family that would also match
        assertEquals("TransformLabel", ElementDictionary.keywordOf(0x00280400));
        assertEquals(0x00280410, ElementDictionary.tagOf("RowsForNthOrderCoefficients"));
        // a group length is never a member of a family
        assertNull(ElementDictionary.keywordOf(0x10000000));
        assertEquals(VR.UL, ElementDictionary.vrOf(0x10000000));
    }

    @Test
    void privateCreatorIsLoAndOtherPrivateElementsAreUn() {
        assertNull(ElementDictionary.entry(0x00090010));
        assertEquals(VR.LO, ElementDictionary.vrOf(0x00090010));
        assertEquals(VR.LO, ElementDictionary.vrOf(0x002900FF));
        assertEquals(VR.UN, ElementDictionary.vrOf(0x00091001));
        assertNull(ElementDictionary.keywordOf(0x00091001));
        assertEquals(VR.UL, ElementDictionary.vrOf(0x00090000));
    }

    @Test
    void unknownAndGroupLengthTags() {
        assertNull(ElementDictionary.entry(0x00080002));
        assertNull(ElementDictionary.keywordOf(0x00080002));
        assertEquals(VR.UN, ElementDictionary.vrOf(0x00080002));
        assertEquals("LengthToEnd", ElementDictionary.keywordOf(0x00080001)); // retired ACR-NEMA element
        assertTrue(ElementDictionary.entry(0x00080001).retired());
        assertEquals(VR.UL, ElementDictionary.vrOf(0x00080000));
        assertEquals(VR.UL, ElementDictionary.vrOf(Tags.FileMetaInformationGroupLength));
        assertEquals(-1, ElementDictionary.tagOf("NoSuchKeyword"));
        assertEquals(-1, ElementDictionary.tagOf(null));
    }

    @Test
    void itemsAndDelimitersHaveNoVr() {
        assertEquals(0xFFFEE000, Tags.Item);
        assertEquals(0xFFFEE00D, Tags.ItemDelimitationItem);
        assertEquals(0xFFFEE0DD, Tags.SequenceDelimitationItem);
        for (int tag : new int[] {Tags.Item, Tags.ItemDelimitationItem, Tags.SequenceDelimitationItem}) {
            assertNotNull(ElementDictionary.entry(tag));
            assertTrue(ElementDictionary.entry(tag).vrs().isEmpty());
            assertNull(ElementDictionary.vrOf(tag));
        }
    }

    @Test
    void xaAcquisitionElements() {
        Entry frameTime = ElementDictionary.entry(0x00181063);
        assertEquals("FrameTime", frameTime.keyword());
        assertEquals(VR.DS, frameTime.vr());
        Entry spacing = ElementDictionary.entry(0x00181164);
        assertEquals("ImagerPixelSpacing", spacing.keyword());
        assertEquals(VR.DS, spacing.vr());
        assertEquals("2", spacing.vm());
        assertEquals(Tags.ImagerPixelSpacing, ElementDictionary.tagOf("ImagerPixelSpacing"));
    }

    @Test
    void commandElements() {
        assertEquals(0x00000000, Tags.CommandGroupLength);
        assertEquals(0x00000002, Tags.AffectedSOPClassUID);
        assertEquals(0x00000100, Tags.CommandField);
        assertEquals(0x00000110, Tags.MessageID);
        assertEquals(0x00000120, Tags.MessageIDBeingRespondedTo);
        assertEquals(0x00000700, Tags.Priority);
        assertEquals(0x00000800, Tags.CommandDataSetType);
        assertEquals(0x00000900, Tags.Status);
        assertEquals(0x00000902, Tags.ErrorComment);
        assertEquals(0x00001000, Tags.AffectedSOPInstanceUID);
        assertEquals(0x00001030, Tags.MoveOriginatorApplicationEntityTitle);
        assertEquals(0x00001031, Tags.MoveOriginatorMessageID);
        assertEquals(0x00001020, Tags.NumberOfRemainingSuboperations);
        assertEquals(VR.UL, ElementDictionary.vrOf(Tags.CommandGroupLength));
        assertEquals(VR.US, ElementDictionary.vrOf(Tags.Status));
    }

    @Test
    void retiredElementsAreFlagged() {
        Entry e = ElementDictionary.entry(0x00280104);
        assertEquals("SmallestValidPixelValue", e.keyword()); // no dcmtk RETIRED_ prefix
        assertTrue(e.retired());
        assertEquals(List.of(VR.US, VR.SS), e.vrs());
        assertTrue(ElementDictionary.entry(Tags.OffsetOfTheNextDirectoryRecord)
                .vrs()
                .equals(List.of(VR.UL)));
        assertFalse(ElementDictionary.entry(Tags.StudyInstanceUID).retired());
    }

    @Test
    void keywordsAndTagsRoundTrip() {
        assertEquals(0x0020000D, ElementDictionary.tagOf("StudyInstanceUID"));
        assertEquals(Tags.SOPInstanceUID, ElementDictionary.tagOf("SOPInstanceUID"));
        List<Entry> all = ElementDictionary.entries();
        assertTrue(all.size() > 4000, "element count " + all.size());
        Set<String> keywords = new HashSet<>();
        for (Entry e : all) {
            assertTrue(keywords.add(e.keyword()), "duplicate " + e.keyword());
            assertEquals(e.tag(), ElementDictionary.tagOf(e.keyword()), e.keyword());
            assertEquals(e.keyword(), ElementDictionary.keywordOf(e.tag()), e.keyword());
        }
    }
}
