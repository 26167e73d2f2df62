package org.fluorovault.dicom.sr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.TransferSyntax;
import org.junit.jupiter.api.Test;

/** SR content items written with the toolkit and read back: value types, codes, numbers, points and references. */
class ContentItemsTest {
    private static Attributes roundTrip(Attributes ds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            w.writeDataset(ds, TransferSyntax.of(TransferSyntax.EXPLICIT_VR_LE));
        }
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(out.toByteArray()), null)) {
            return r.readDataset(TransferSyntax.of(TransferSyntax.EXPLICIT_VR_LE));
        }
    }

    @Test
    void itemsSurviveAWriteAndARead() throws Exception {
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ContentItems.root(ds, Code.dcm("113000", "Of Interest"), "SEPARATE");
        ContentItems.template(ds, "2010");
        ContentItems.code(ds, "HAS OBS CONTEXT", Code.dcm("121005", "Observer Type"), Code.dcm("121006", "Person"));
        ContentItems.text(ds, "CONTAINS", Code.dcm("121106", "Comment"), "Ausbreitung über L5");
        ContentItems.num(ds, "CONTAINS", Code.sct("42798000", "Area"), "123.5", Code.ucum("mm2", "mm2"));
        Attributes tip = ContentItems.point(ds, "CONTAINS", new Code("TIP", "99TEST", "Tip"), 10.5, 20.25);
        ContentItems.image(tip, "SELECTED FROM", null, "1.2.3", "1.2.3.4", 7);
        ContentItems.image(ds, "CONTAINS", null, "1.2.3", "1.2.3.5");

        Attributes back = roundTrip(ds);
        assertEquals("CONTAINER", back.getString(Tags.ValueType));
        assertEquals(Code.dcm("113000", "Of Interest"), ContentItems.conceptName(back));
        assertEquals("2010", back.getNestedItem(Tags.ContentTemplateSequence).getString(Tags.TemplateIdentifier));
        var items = back.getSequence(Tags.ContentSequence);
        assertEquals(5, items.size());
        assertEquals(
                Code.dcm("121006", "Person"),
                ContentItems.codeOf(items.get(0).getNestedItem(Tags.ConceptCodeSequence)));
        assertEquals("HAS OBS CONTEXT", items.get(0).getString(Tags.RelationshipType));
        assertEquals("Ausbreitung über L5", items.get(1).getString(Tags.TextValue));
        Attributes mv = items.get(2).getNestedItem(Tags.MeasuredValueSequence);
        assertEquals(123.5, mv.getDouble(Tags.NumericValue, 0));
        assertEquals(Code.ucum("mm2", "mm2"), ContentItems.codeOf(mv.getNestedItem(Tags.MeasurementUnitsCodeSequence)));
        Attributes point = items.get(3);
        assertEquals("SCOORD", point.getString(Tags.ValueType));
        assertEquals("POINT", point.getString(Tags.GraphicType));
        assertEquals(VR.FL, point.vr(Tags.GraphicData));
        assertArrayEquals(new double[] {10.5, 20.25}, point.getDoubles(Tags.GraphicData), 1e-6);
        Attributes from = point.getNestedItem(Tags.ContentSequence);
        assertEquals("SELECTED FROM", from.getString(Tags.RelationshipType));
        assertNull(ContentItems.conceptName(from), "an image item may go without a concept name");
        Attributes ref = from.getNestedItem(Tags.ReferencedSOPSequence);
        assertEquals("1.2.3.4", ref.getString(Tags.ReferencedSOPInstanceUID));
        assertArrayEquals(new int[] {7}, ref.getInts(Tags.ReferencedFrameNumber));
        assertNull(
                items.get(4).getNestedItem(Tags.ReferencedSOPSequence).getString(Tags.ReferencedFrameNumber),
                "no frames: the whole image");
    }

    @Test
    void codesKeepToTheLengthsOfTheirVrs() {
        assertThrows(IllegalArgumentException.class, () -> new Code("12345678901234567", "DCM", "too long a value"));
        assertThrows(IllegalArgumentException.class, () -> new Code("1", "DCM", "x".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> new Code("1", "", "no scheme"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ContentItems.polyline(new Attributes(), "CONTAINS", Code.dcm("111030", "Image Region"), 1, 2));
    }

    @Test
    void aPolylineKeepsItsPoints() throws Exception {
        Attributes ds = new Attributes();
        ContentItems.polyline(ds, "CONTAINS", Code.dcm("111030", "Image Region"), 0, 0, 4, 0, 4, 3, 0, 0);
        Attributes line = roundTrip(ds).getNestedItem(Tags.ContentSequence);
        assertEquals("POLYLINE", line.getString(Tags.GraphicType));
        assertArrayEquals(new double[] {0, 0, 4, 0, 4, 3, 0, 0}, line.getDoubles(Tags.GraphicData), 1e-6);
    }
}
