package org.fluorovault.dicom.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Sequence;
import org.fluorovault.dicom.data.UidGenerator;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.net.ul.Implementation;

/**
 * Builds a DICOMDIR (Media Storage Directory, PS3.3 F and PS3.10) for a set of files: PATIENT, STUDY, SERIES
 * and one leaf record per file (IMAGE, SR DOCUMENT, KEY OBJECT DOC, ...), with the byte offsets that link the
 * records, in Explicit VR Little Endian. Files are added with their path in the file-set (each component at
 * most 8 characters of A-Z, 0-9 and _, at most 8 levels) and their data set up to the pixel data.
 */
public final class DicomDirBuilder {
    public static final String MEDIA_STORAGE_DIRECTORY = Uids.MediaStorageDirectoryStorage;
    private static final Pattern COMPONENT = Pattern.compile("[A-Z0-9_]{1,8}");
    private static final int IN_USE = 0xFFFF;

    private final String fileSetId;
    private final Map<String, Node> patients = new LinkedHashMap<>();

    /** A directory record and its children, in the order they were first seen. */
    private static final class Node {
        final Attributes record;
        final Map<String, Node> children = new LinkedHashMap<>();
        long offset;

        Node(Attributes record) {
            this.record = record;
        }
    }

    /** @param fileSetId File-set ID (0004,1130), at most 16 characters, or null */
    public DicomDirBuilder(String fileSetId) {
        if (fileSetId != null && fileSetId.length() > 16)
            throw new IllegalArgumentException("File-set ID longer than 16 characters");
        this.fileSetId = fileSetId;
    }

    /**
     * Adds one file of the file-set.
     *
     * @param fileId  the path components of the file, e.g. {@code {"DICOM", "P0001", "S0001", "R0001", "I0001"}}
     * @param fmi     the file's meta information (for the SOP class, instance and transfer syntax)
     * @param dataset the file's data set (the pixel data may be absent or a bulk-data reference)
     */
    public DicomDirBuilder add(String[] fileId, Attributes fmi, Attributes dataset) {
        if (fileId.length == 0 || fileId.length > 8)
            throw new IllegalArgumentException("a File ID has 1 to 8 components");
        for (String c : fileId) {
            if (!COMPONENT.matcher(c).matches())
                throw new IllegalArgumentException("File ID component '" + c + "' is not 1-8 of A-Z, 0-9, _");
        }
        String patientId = dataset.getString(Tags.PatientID, "");
        String studyUid = require(dataset, Tags.StudyInstanceUID, "Study Instance UID");
        String seriesUid = require(dataset, Tags.SeriesInstanceUID, "Series Instance UID");
        String sopClass = require(fmi, Tags.MediaStorageSOPClassUID, "Media Storage SOP Class UID");
        Node patient = patients.computeIfAbsent(
                patientId + "\\" + dataset.getString(Tags.IssuerOfPatientID, ""),
                k -> new Node(patientRecord(dataset)));
        Node study = patient.children.computeIfAbsent(studyUid, k -> new Node(studyRecord(dataset)));
        Node series = study.children.computeIfAbsent(seriesUid, k -> new Node(seriesRecord(dataset)));
        String sopInstance = require(fmi, Tags.MediaStorageSOPInstanceUID, "Media Storage SOP Instance UID");
        if (series.children.containsKey(sopInstance))
            throw new IllegalArgumentException("instance " + sopInstance + " added twice");
        series.children.put(sopInstance, new Node(leafRecord(fileId, fmi, dataset, sopClass)));
        return this;
    }

    /** Writes the DICOMDIR file (preamble, meta information, directory) to {@code out}. */
    public void write(OutputStream out) throws IOException {
        List<Node> order = new ArrayList<>();
        patients.values().forEach(p -> depthFirst(p, order));
        String iuid = UidGenerator.fromUuid();
        Attributes fmi = FileMetaInformation.create(
                MEDIA_STORAGE_DIRECTORY,
                iuid,
                TransferSyntax.EXPLICIT_VR_LE,
                Implementation.CLASS_UID,
                Implementation.VERSION_NAME,
                null);
        Attributes ds = new Attributes();
        ds.setString(Tags.FileSetID, VR.CS, fileSetId == null ? new String[0] : new String[] {fileSetId});
        ds.setInt(Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL, 0);
        ds.setInt(Tags.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, VR.UL, 0);
        ds.setInt(Tags.FileSetConsistencyFlag, VR.US, 0);
        Sequence records = ds.newSequence(Tags.DirectoryRecordSequence);
        // every offset is a fixed-size UL, so the layout does not depend on the values: measure, then fill in
        long position = encode(fmi, ds).length - 8; // the empty sequence ends with its 8-byte delimitation item
        for (Node n : order) {
            n.offset = position;
            position += 8 + encodeItem(n.record).length + 8; // item tag+length, content, item delimitation
        }
        List<Node> roots = new ArrayList<>(patients.values());
        ds.setInt(
                Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity,
                VR.UL,
                roots.isEmpty() ? 0 : (int) roots.get(0).offset);
        ds.setInt(
                Tags.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity,
                VR.UL,
                roots.isEmpty() ? 0 : (int) roots.get(roots.size() - 1).offset);
        link(roots);
        order.forEach(n -> records.add(n.record));
        out.write(encode(fmi, ds));
    }

    private static void depthFirst(Node n, List<Node> order) {
        order.add(n);
        n.children.values().forEach(c -> depthFirst(c, order));
    }

    /** Sets the next-sibling and first-child offsets of each record of one level, recursively. */
    private static void link(List<Node> siblings) {
        for (int i = 0; i < siblings.size(); i++) {
            Node n = siblings.get(i);
            n.record.setInt(
                    Tags.OffsetOfTheNextDirectoryRecord,
                    VR.UL,
                    i + 1 < siblings.size() ? (int) siblings.get(i + 1).offset : 0);
            List<Node> children = new ArrayList<>(n.children.values());
            n.record.setInt(
                    Tags.OffsetOfReferencedLowerLevelDirectoryEntity,
                    VR.UL,
                    children.isEmpty() ? 0 : (int) children.get(0).offset);
            link(children);
        }
    }

    private static byte[] encode(Attributes fmi, Attributes ds) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(bytes)) {
            w.writeFile(fmi, ds);
        }
        return bytes.toByteArray();
    }

    private static byte[] encodeItem(Attributes item) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(bytes)) {
            w.writeDataset(item, TransferSyntax.EXPLICIT_LE);
        }
        return bytes.toByteArray();
    }

    private static Attributes header(String type) {
        Attributes r = new Attributes();
        r.setInt(Tags.OffsetOfTheNextDirectoryRecord, VR.UL, 0);
        r.setInt(Tags.RecordInUseFlag, VR.US, IN_USE);
        r.setInt(Tags.OffsetOfReferencedLowerLevelDirectoryEntity, VR.UL, 0);
        r.setString(Tags.DirectoryRecordType, VR.CS, type);
        return r;
    }

    private static Attributes patientRecord(Attributes ds) {
        Attributes r = header("PATIENT");
        copy(ds, r, Tags.SpecificCharacterSet, VR.CS);
        copy(ds, r, Tags.PatientName, VR.PN);
        r.setString(Tags.PatientID, VR.LO, ds.getString(Tags.PatientID, ""));
        copy(ds, r, Tags.IssuerOfPatientID, VR.LO);
        copy(ds, r, Tags.PatientBirthDate, VR.DA);
        copy(ds, r, Tags.PatientSex, VR.CS);
        return r;
    }

    private static Attributes studyRecord(Attributes ds) {
        Attributes r = header("STUDY");
        copy(ds, r, Tags.SpecificCharacterSet, VR.CS);
        r.setString(Tags.StudyDate, VR.DA, ds.getString(Tags.StudyDate, ""));
        r.setString(Tags.StudyTime, VR.TM, ds.getString(Tags.StudyTime, ""));
        copy(ds, r, Tags.StudyDescription, VR.LO);
        r.setString(Tags.StudyInstanceUID, VR.UI, ds.getString(Tags.StudyInstanceUID));
        r.setString(Tags.StudyID, VR.SH, ds.getString(Tags.StudyID, ""));
        copy(ds, r, Tags.AccessionNumber, VR.SH);
        return r;
    }

    private static Attributes seriesRecord(Attributes ds) {
        Attributes r = header("SERIES");
        copy(ds, r, Tags.SpecificCharacterSet, VR.CS);
        r.setString(Tags.Modality, VR.CS, ds.getString(Tags.Modality, "OT"));
        r.setString(Tags.SeriesInstanceUID, VR.UI, ds.getString(Tags.SeriesInstanceUID));
        r.setString(Tags.SeriesNumber, VR.IS, ds.getString(Tags.SeriesNumber, "0"));
        copy(ds, r, Tags.SeriesDescription, VR.LO);
        return r;
    }

    private static Attributes leafRecord(String[] fileId, Attributes fmi, Attributes ds, String sopClass) {
        String type = recordType(sopClass);
        Attributes r = header(type);
        r.setString(Tags.ReferencedFileID, VR.CS, fileId);
        r.setString(Tags.ReferencedSOPClassUIDInFile, VR.UI, sopClass);
        r.setString(Tags.ReferencedSOPInstanceUIDInFile, VR.UI, fmi.getString(Tags.MediaStorageSOPInstanceUID));
        r.setString(Tags.ReferencedTransferSyntaxUIDInFile, VR.UI, fmi.getString(Tags.TransferSyntaxUID));
        copy(ds, r, Tags.SpecificCharacterSet, VR.CS);
        r.setString(Tags.InstanceNumber, VR.IS, ds.getString(Tags.InstanceNumber, "1"));
        switch (type) {
            case "IMAGE" -> {
                copy(ds, r, Tags.Rows, VR.US);
                copy(ds, r, Tags.Columns, VR.US);
                copy(ds, r, Tags.NumberOfFrames, VR.IS);
            }
            case "SR DOCUMENT", "KEY OBJECT DOC" -> {
                r.setString(Tags.ContentDate, VR.DA, ds.getString(Tags.ContentDate, ds.getString(Tags.StudyDate, "")));
                r.setString(Tags.ContentTime, VR.TM, ds.getString(Tags.ContentTime, ds.getString(Tags.StudyTime, "")));
                Attributes name = ds.getNestedItem(Tags.ConceptNameCodeSequence);
                if (name != null) r.newSequence(Tags.ConceptNameCodeSequence).add(copyOf(name));
                if (type.equals("SR DOCUMENT")) {
                    r.setString(Tags.CompletionFlag, VR.CS, ds.getString(Tags.CompletionFlag, "PARTIAL"));
                    String verification = ds.getString(Tags.VerificationFlag, "UNVERIFIED");
                    r.setString(Tags.VerificationFlag, VR.CS, verification);
                    if ("VERIFIED".equals(verification)) {
                        Attributes v = ds.getNestedItem(Tags.VerifyingObserverSequence);
                        if (v != null && v.getString(Tags.VerificationDateTime) != null) {
                            r.setString(Tags.VerificationDateTime, VR.DT, v.getString(Tags.VerificationDateTime));
                        }
                    }
                }
            }
            default -> {}
        }
        return r;
    }

    /** The directory record type of PS3.3 F.5 for a SOP class (IMAGE for the image storage classes). */
    public static String recordType(String sopClassUid) {
        if (sopClassUid.equals(Uids.KeyObjectSelectionDocumentStorage)) return "KEY OBJECT DOC";
        // the arcs under which PS3.6 registers the SR and the presentation state storage classes
        if (sopClassUid.startsWith("1.2.840.10008.5.1.4.1.1.88.")) return "SR DOCUMENT";
        if (sopClassUid.startsWith("1.2.840.10008.5.1.4.1.1.11.")) return "PRESENTATION";
        if (sopClassUid.equals(Uids.EncapsulatedPDFStorage)) return "ENCAP DOC";
        return "IMAGE";
    }

    private static Attributes copyOf(Attributes item) {
        Attributes c = new Attributes();
        for (Attributes.Element e : item.elements()) {
            if (!(e.value() instanceof Sequence)) c.put(e.tag(), e.vr(), e.value());
        }
        return c;
    }

    private static void copy(Attributes from, Attributes to, int tag, VR vr) {
        Attributes.Element e = from.get(tag);
        if (e != null && !(e.value() instanceof Sequence)) to.put(tag, e.vr() == null ? vr : e.vr(), e.value());
    }

    private static String require(Attributes a, int tag, String name) {
        String v = a.getString(tag);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("file without " + name);
        return v;
    }
}
