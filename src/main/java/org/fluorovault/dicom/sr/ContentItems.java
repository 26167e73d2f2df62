package org.fluorovault.dicom.sr;

import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;

/**
 * Builds SR content items (PS3.3 C.17.3, Document Content Macro and Document Relationship
 * Macro) as items of the parent's Content Sequence. Each method returns the new item so that
 * children can be added to it.
 */
public final class ContentItems {
    private ContentItems() {}

    /** Makes {@code ds} a root CONTAINER with the given title (the document's concept name). */
    public static Attributes root(Attributes ds, Code title, String continuity) {
        ds.setString(Tags.ValueType, VR.CS, "CONTAINER");
        code(ds, Tags.ConceptNameCodeSequence, title);
        ds.setString(Tags.ContinuityOfContent, VR.CS, continuity);
        return ds;
    }

    /** Names the template of a container (Content Template Sequence, mapping resource DCMR). */
    public static void template(Attributes container, String templateId) {
        Attributes t = container.addItem(Tags.ContentTemplateSequence);
        t.setString(Tags.MappingResource, VR.CS, "DCMR");
        t.setString(Tags.TemplateIdentifier, VR.CS, templateId);
    }

    /** A new content item; {@code concept} may be null where PS3.3 lets the concept name be absent (IMAGE, SCOORD). */
    public static Attributes item(Attributes parent, String relationship, String valueType, Code concept) {
        Attributes it = parent.addItem(Tags.ContentSequence);
        it.setString(Tags.RelationshipType, VR.CS, relationship);
        it.setString(Tags.ValueType, VR.CS, valueType);
        if (concept != null) code(it, Tags.ConceptNameCodeSequence, concept);
        return it;
    }

    public static Attributes container(Attributes parent, String relationship, Code concept) {
        Attributes it = item(parent, relationship, "CONTAINER", concept);
        it.setString(Tags.ContinuityOfContent, VR.CS, "SEPARATE");
        return it;
    }

    /** A CODE item: {@code concept} = {@code value}. */
    public static Attributes code(Attributes parent, String relationship, Code concept, Code value) {
        Attributes it = item(parent, relationship, "CODE", concept);
        code(it, Tags.ConceptCodeSequence, value);
        return it;
    }

    public static Attributes text(Attributes parent, String relationship, Code concept, String value) {
        Attributes it = item(parent, relationship, "TEXT", concept);
        it.setString(Tags.TextValue, VR.UT, value);
        return it;
    }

    public static Attributes personName(Attributes parent, String relationship, Code concept, String name) {
        Attributes it = item(parent, relationship, "PNAME", concept);
        it.setString(Tags.PersonName, VR.PN, name);
        return it;
    }

    public static Attributes uidRef(Attributes parent, String relationship, Code concept, String uid) {
        Attributes it = item(parent, relationship, "UIDREF", concept);
        it.setString(Tags.UID, VR.UI, uid);
        return it;
    }

    /** A NUM item with its value (a decimal string) and UCUM units. */
    public static Attributes num(Attributes parent, String relationship, Code concept, String value, Code units) {
        Attributes it = item(parent, relationship, "NUM", concept);
        Attributes mv = it.addItem(Tags.MeasuredValueSequence);
        code(mv, Tags.MeasurementUnitsCodeSequence, units);
        mv.setString(Tags.NumericValue, VR.DS, value);
        return it;
    }

    /**
     * An IMAGE item referencing one stored image, and the given frames of it (none: the whole
     * image).
     */
    public static Attributes image(
            Attributes parent,
            String relationship,
            Code concept,
            String sopClassUid,
            String sopInstanceUid,
            int... frames) {
        Attributes it = item(parent, relationship, "IMAGE", concept);
        reference(it, Tags.ReferencedSOPSequence, sopClassUid, sopInstanceUid, frames);
        return it;
    }

    /**
     * A SCOORD POINT in image pixel coordinates (PS3.3 C.18.6.1.2: 0\0 is the top left corner of
     * the top left pixel, column first); add its SELECTED FROM image with {@link #image}.
     */
    public static Attributes point(Attributes parent, String relationship, Code concept, double column, double row) {
        Attributes it = item(parent, relationship, "SCOORD", concept);
        it.setString(Tags.GraphicType, VR.CS, "POINT");
        it.setDouble(Tags.GraphicData, VR.FL, column, row);
        return it;
    }

    /**
     * A SCOORD POLYLINE through {@code columnRow} (column, row pairs, image pixel coordinates as for
     * {@link #point}); a closed outline repeats its first point at the end.
     */
    public static Attributes polyline(Attributes parent, String relationship, Code concept, double... columnRow) {
        if (columnRow.length < 4 || columnRow.length % 2 != 0) {
            throw new IllegalArgumentException("a polyline needs at least two column,row pairs");
        }
        Attributes it = item(parent, relationship, "SCOORD", concept);
        it.setString(Tags.GraphicType, VR.CS, "POLYLINE");
        it.setDouble(Tags.GraphicData, VR.FL, columnRow);
        return it;
    }

    /** Adds an item (SOP Class, SOP Instance, optional frames) to a referenced SOP sequence. */
    public static Attributes reference(
            Attributes parent, int sequenceTag, String sopClassUid, String sopInstanceUid, int... frames) {
        Attributes ref = parent.addItem(sequenceTag);
        ref.setString(Tags.ReferencedSOPClassUID, VR.UI, sopClassUid);
        ref.setString(Tags.ReferencedSOPInstanceUID, VR.UI, sopInstanceUid);
        if (frames != null && frames.length > 0) {
            ref.setString(
                    Tags.ReferencedFrameNumber,
                    VR.IS,
                    java.util.Arrays.stream(frames).mapToObj(Integer::toString).toArray(String[]::new));
        }
        return ref;
    }

    /** Adds a code item (value, scheme, meaning) to a code sequence. */
    public static Attributes code(Attributes parent, int sequenceTag, Code c) {
        Attributes it = parent.addItem(sequenceTag);
        it.setString(Tags.CodeValue, VR.SH, c.value());
        it.setString(Tags.CodingSchemeDesignator, VR.SH, c.scheme());
        it.setString(Tags.CodeMeaning, VR.LO, c.meaning());
        return it;
    }

    /** The concept name of a content item, or null. */
    public static Code conceptName(Attributes item) {
        return codeOf(item.getNestedItem(Tags.ConceptNameCodeSequence));
    }

    /** The code in a code sequence item, or null. */
    public static Code codeOf(Attributes codeItem) {
        if (codeItem == null) return null;
        return new Code(
                codeItem.getString(Tags.CodeValue),
                codeItem.getString(Tags.CodingSchemeDesignator),
                codeItem.getString(Tags.CodeMeaning));
    }
}
