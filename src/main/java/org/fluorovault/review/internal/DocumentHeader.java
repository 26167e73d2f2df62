package org.fluorovault.review.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.ElementDictionary;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.sr.ContentItems;
import org.fluorovault.review.Vocabulary;

/**
 * The modules every document FluoroVault writes shares: SOP Common, Patient, General Study,
 * series, General Equipment, and the evidence references. Patient and study attributes are
 * copied from a referenced image; text is written in UTF-8 (ISO_IR 192).
 */
final class DocumentHeader {
    static final String MANUFACTURER = "FluoroVault";
    private static final int[] PATIENT_AND_STUDY = {
        Tags.PatientName, Tags.PatientID, Tags.IssuerOfPatientID, Tags.PatientBirthDate, Tags.PatientSex,
        Tags.StudyInstanceUID, Tags.StudyDate, Tags.StudyTime, Tags.ReferringPhysicianName, Tags.StudyID,
        Tags.AccessionNumber, Tags.StudyDescription
    };
    /** Type 2 in the Patient and General Study modules: present even when empty. */
    private static final List<Integer> TYPE_2 = List.of(
            Tags.PatientName,
            Tags.PatientID,
            Tags.PatientBirthDate,
            Tags.PatientSex,
            Tags.StudyDate,
            Tags.StudyTime,
            Tags.ReferringPhysicianName,
            Tags.StudyID,
            Tags.AccessionNumber);

    private DocumentHeader() {}

    /** An image the document references. */
    record Ref(String studyUid, String seriesUid, String sopClassUid, String sopInstanceUid) {}

    static Attributes create(
            Attributes source,
            String sopClassUid,
            String sopInstanceUid,
            String seriesUid,
            String modality,
            int seriesNumber,
            String seriesDescription,
            Instant created) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ZonedDateTime t = created.atZone(ZoneOffset.UTC);
        String date = t.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8);
        String time = t.format(DateTimeFormatter.ofPattern("HHmmss.SSS"));
        ds.setString(Tags.InstanceCreationDate, VR.DA, date);
        ds.setString(Tags.InstanceCreationTime, VR.TM, time);
        ds.setString(Tags.SOPClassUID, VR.UI, sopClassUid);
        ds.setString(Tags.SOPInstanceUID, VR.UI, sopInstanceUid);
        ds.setString(Tags.TimezoneOffsetFromUTC, VR.SH, "+0000");
        for (int tag : PATIENT_AND_STUDY) {
            String v = source.getValueAsString(tag);
            if (v != null || TYPE_2.contains(tag)) ds.setString(tag, ElementDictionary.vrOf(tag), v == null ? "" : v);
        }
        ds.setString(Tags.Modality, VR.CS, modality);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setString(Tags.SeriesNumber, VR.IS, Integer.toString(seriesNumber));
        ds.setString(Tags.SeriesDescription, VR.LO, seriesDescription);
        ds.newSequence(Tags.ReferencedPerformedProcedureStepSequence);
        ds.setString(Tags.Manufacturer, VR.LO, MANUFACTURER);
        ds.setString(Tags.SoftwareVersions, VR.LO, "FluoroVault review");
        ds.setString(Tags.InstanceNumber, VR.IS, "1");
        ds.setString(Tags.ContentDate, VR.DA, date);
        ds.setString(Tags.ContentTime, VR.TM, time);
        Attributes scheme = ds.addItem(Tags.CodingSchemeIdentificationSequence);
        scheme.setString(Tags.CodingSchemeDesignator, VR.SH, Vocabulary.PRIVATE_SCHEME);
        scheme.setString(Tags.CodingSchemeName, VR.ST, "FluoroVault codes for lumbar epidural injection review");
        scheme.setString(Tags.CodingSchemeResponsibleOrganization, VR.ST, "FluoroVault");
        return ds;
    }

    /** Current Requested Procedure Evidence Sequence: the referenced images, by study and series. */
    static void evidence(Attributes ds, Collection<Ref> refs) {
        Map<String, Map<String, List<Ref>>> byStudy = new LinkedHashMap<>();
        for (Ref r : refs) {
            byStudy.computeIfAbsent(r.studyUid(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.seriesUid(), k -> new java.util.ArrayList<>())
                    .add(r);
        }
        ds.newSequence(Tags.CurrentRequestedProcedureEvidenceSequence);
        byStudy.forEach((study, series) -> {
            Attributes s = ds.addItem(Tags.CurrentRequestedProcedureEvidenceSequence);
            s.setString(Tags.StudyInstanceUID, VR.UI, study);
            series.forEach((seriesUid, instances) -> {
                Attributes se = s.addItem(Tags.ReferencedSeriesSequence);
                se.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
                for (Ref r : instances) {
                    ContentItems.reference(se, Tags.ReferencedSOPSequence, r.sopClassUid(), r.sopInstanceUid());
                }
            });
        });
    }

    /** DICOM DT in UTC, e.g. 20261126101500.123+0000. */
    static String dateTime(Instant i) {
        return i.atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS")) + "+0000";
    }
}
