package org.fluorovault.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fluorovault.archive.ArchiveException;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.StoreOutcome;
import org.fluorovault.audit.AuditTrail;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.Tag;
import org.fluorovault.dicom.data.UidSyntax;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.UidDictionary;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.io.DicomParseException;
import org.fluorovault.dicom.io.DicomReader;
import org.fluorovault.dicom.io.DicomWriter;
import org.fluorovault.dicom.io.FileMetaInformation;
import org.fluorovault.dicom.io.TransferSyntax;
import org.fluorovault.dicom.io.TransferSyntaxRegistry;
import org.fluorovault.dicom.net.dimse.CStoreHandler;
import org.fluorovault.dicom.net.dimse.DicomServiceProvider;
import org.fluorovault.dicom.net.dimse.DimseDispatcher;
import org.fluorovault.dicom.net.dimse.DimseException;
import org.fluorovault.dicom.net.dimse.Status;
import org.fluorovault.dicom.net.dimse.StoreContext;
import org.fluorovault.dicom.net.dimse.StoreStatus;
import org.fluorovault.dicom.net.ul.Implementation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * C-STORE SCP: streams the received data set, behind a File Meta Information header, to a
 * temporary file (never whole into memory), forces it to disk, checks it, and hands it to the
 * archive. Success is answered only once the object is in place and indexed.
 * <p>
 * It serves every storage SOP class of the dictionary (PS3.4 Annex B and the other storage
 * annexes: XA, Enhanced XA, RF, Enhanced XRF, SC, CT, DX, dose and other SR, KOS, presentation
 * states, Encapsulated PDF among them), each in the {@link #TRANSFER_SYNTAXES}. Objects are stored
 * as received, never transcoded.
 */
@Component
public class StorageScp implements CStoreHandler, DicomServiceProvider {
    private static final Logger LOG = LoggerFactory.getLogger(StorageScp.class);

    /** The transfer syntaxes accepted for every storage SOP class. */
    public static final Set<String> TRANSFER_SYNTAXES = TransferSyntaxRegistry.uids(
            Uids.ImplicitVRLittleEndian,
            Uids.ExplicitVRLittleEndian,
            Uids.DeflatedExplicitVRLittleEndian,
            Uids.ExplicitVRBigEndian, // retired, still sent by old devices
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

    /** The storage SOP classes of the UID dictionary, retired ones included. */
    private static final Set<String> SOP_CLASSES = UidDictionary.entries().stream()
            .map(UidDictionary.UidEntry::uid)
            .filter(UidDictionary::isStorageSopClass)
            .collect(Collectors.toUnmodifiableSet());

    private final ArchiveStore archive;
    private final IngestMetrics metrics;
    private final ReceiptAudit receipts;

    StorageScp(ArchiveStore archive, IngestMetrics metrics, AuditTrail audit) {
        this.archive = archive;
        this.metrics = metrics;
        this.receipts = new ReceiptAudit(audit);
    }

    @Override
    public Set<String> sopClasses() {
        return SOP_CLASSES;
    }

    @Override
    public Set<String> transferSyntaxes(String sopClass) {
        return TRANSFER_SYNTAXES;
    }

    /** Stores every storage SOP class here; each association's receipts are audited when it closes. */
    @Override
    public void registerOn(DimseDispatcher dispatcher) {
        for (String cuid : SOP_CLASSES) dispatcher.registerStore(cuid, this);
        dispatcher.onAssociationClosed(receipts::closed);
    }

    @Override
    public Status store(StoreContext ctx, InputStream data) throws IOException {
        long start = System.nanoTime();
        try {
            Status st = doStore(ctx, data);
            metrics.stored(System.nanoTime() - start);
            return st;
        } catch (DimseException e) {
            metrics.failed(e.status()); // the dispatcher logs the refusal with its reason
            // a quarantined conflict was already counted with its study
            if (!e.status().equals(StoreStatus.DUPLICATE_SOP_INSTANCE)) receipts.refused(ctx.association());
            throw e;
        } catch (IOException e) {
            receipts.refused(ctx.association());
            LOG.warn(
                    "{}: C-STORE {} interrupted, nothing stored: {}",
                    ctx.association().name(),
                    ctx.sopInstanceUid(),
                    e.getMessage());
            throw e;
        }
    }

    private Status doStore(StoreContext ctx, InputStream data) throws IOException {
        if (!archive.hasFreeSpace()) {
            throw new DimseException(StoreStatus.OUT_OF_RESOURCES, "Out of resources: free disk space below threshold");
        }
        Path temp = archive.newTempPath();
        FileChannel ch;
        try { // one open for writing, forcing and parsing the object
            ch = FileChannel.open(
                    temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        boolean keep = false;
        try {
            MessageDigest md = ArchiveStore.sha256();
            long size;
            Attributes ds;
            try (ch) {
                size = writeTemp(ctx, data, ch, md);
                ds = parse(ch, temp, ctx.transferSyntaxUid());
            }
            validate(ctx, ds);
            String sha = HexFormat.of().formatHex(md.digest());
            StoreOutcome outcome = archive.store(
                    temp,
                    ds,
                    ctx.transferSyntaxUid(),
                    size,
                    sha,
                    ctx.association().callingAet());
            metrics.bytes(size);
            receipts.stored(
                    ctx.association(), ds.getString(Tags.PatientID), ds.getString(Tags.StudyInstanceUID), outcome);
            switch (outcome) {
                case STORED ->
                    LOG.info(
                            "{}: stored {} ({} bytes, {})",
                            ctx.association().name(),
                            ctx.sopInstanceUid(),
                            size,
                            UidDictionary.nameOf(ctx.sopClassUid()));
                case DUPLICATE_IDENTICAL ->
                    LOG.info(
                            "{}: {} received again with identical content, one copy kept",
                            ctx.association().name(),
                            ctx.sopInstanceUid());
                case CONFLICT_QUARANTINED -> {
                    keep = true;
                    throw new DimseException(
                            StoreStatus.DUPLICATE_SOP_INSTANCE,
                            "SOP Instance UID already stored with other content; quarantined");
                }
            }
            keep = true; // moved away by the archive
            return Status.SUCCESS;
        } catch (ArchiveException e) {
            LOG.error("{}: cannot store {}", ctx.association().name(), ctx.sopInstanceUid(), e);
            throw new DimseException(StoreStatus.OUT_OF_RESOURCES, "Out of resources: " + e.getMessage(), e);
        } finally {
            if (!keep) Files.deleteIfExists(temp);
        }
    }

    private long writeTemp(StoreContext ctx, InputStream data, FileChannel ch, MessageDigest md) throws IOException {
        Attributes fmi = FileMetaInformation.create(
                ctx.sopClassUid(),
                ctx.sopInstanceUid(),
                ctx.transferSyntaxUid(),
                Implementation.CLASS_UID,
                Implementation.VERSION_NAME,
                ctx.association().callingAet());
        ByteArrayOutputStream header = new ByteArrayOutputStream(256);
        DicomWriter w = new DicomWriter(new java.io.BufferedOutputStream(header, 512));
        w.writeFileMetaInformation(fmi);
        w.flush();
        try (HashingFileWriter out = new HashingFileWriter(ch, md, archive.fsync())) {
            byte[] h = header.toByteArray();
            byte[] first = buffer(out);
            System.arraycopy(h, 0, first, 0, h.length);
            submit(out, first, h.length);
            while (true) {
                byte[] buf = buffer(out);
                int n = data.readNBytes(buf, 0, buf.length); // an IOException here: the association broke mid-object
                if (n > 0) submit(out, buf, n);
                if (n < buf.length) break;
            }
            try {
                return out.finish();
            } catch (IOException e) {
                throw cannotWrite(e);
            }
        }
    }

    private static byte[] buffer(HashingFileWriter out) throws IOException {
        try {
            return out.buffer();
        } catch (HashingFileWriter.WriteFailedException e) {
            throw cannotWrite(e);
        }
    }

    private static void submit(HashingFileWriter out, byte[] buf, int n) throws IOException {
        try {
            out.submit(buf, n);
        } catch (HashingFileWriter.WriteFailedException e) {
            throw cannotWrite(e);
        }
    }

    private static DimseException cannotWrite(IOException e) {
        return new DimseException(StoreStatus.OUT_OF_RESOURCES, "Out of resources: cannot write: " + e.getMessage(), e);
    }

    /** Parses the object just written, through its open channel (closing the reader leaves the channel open). */
    private static Attributes parse(FileChannel ch, Path temp, String tsuid) {
        TransferSyntax ts = TransferSyntax.of(tsuid);
        InputStream in;
        try {
            in = new java.io.FilterInputStream(java.nio.channels.Channels.newInputStream(ch.position(0))) {
                @Override
                public void close() {}
            };
        } catch (IOException e) {
            throw new DimseException(StoreStatus.CANNOT_UNDERSTAND, "Cannot understand: " + e.getMessage());
        }
        try (DicomReader r = new DicomReader(in, temp)) {
            r.bulkMode(DicomReader.BulkMode.REFERENCE);
            r.readFileMetaInformation();
            return r.readDataset(ts);
        } catch (DicomParseException e) {
            throw new DimseException(StoreStatus.CANNOT_UNDERSTAND, "Cannot understand: " + e.getMessage());
        } catch (IOException e) {
            throw new DimseException(StoreStatus.CANNOT_UNDERSTAND, "Cannot understand: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new DimseException(StoreStatus.CANNOT_UNDERSTAND, "Cannot understand: " + e);
        }
    }

    /** A900 unless the data set carries the UIDs of the command and those an archive needs. */
    static void validate(StoreContext ctx, Attributes ds) {
        List<Integer> missing = new ArrayList<>();
        for (int tag :
                new int[] {Tags.StudyInstanceUID, Tags.SeriesInstanceUID, Tags.SOPInstanceUID, Tags.SOPClassUID}) {
            String v = ds.getString(tag);
            if (v == null || v.isBlank()) missing.add(tag);
        }
        if (!missing.isEmpty()) {
            throw new DimseException(
                    StoreStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS,
                    "Data set lacks " + names(missing),
                    missing.stream().mapToInt(Integer::intValue).toArray());
        }
        for (int tag :
                new int[] {Tags.StudyInstanceUID, Tags.SeriesInstanceUID, Tags.SOPInstanceUID, Tags.SOPClassUID}) {
            String problem = UidSyntax.problem(ds.getString(tag));
            if (problem != null) { // these UIDs name files and index rows: only valid ones pass
                throw new DimseException(
                        StoreStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS,
                        names(List.of(tag)) + " is not a valid UID (" + problem + ")",
                        tag);
            }
        }
        if (!ctx.sopInstanceUid().equals(ds.getString(Tags.SOPInstanceUID))) {
            throw new DimseException(
                    StoreStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS,
                    "SOP Instance UID differs from the C-STORE request",
                    Tags.SOPInstanceUID);
        }
        if (!ctx.sopClassUid().equals(ds.getString(Tags.SOPClassUID))) {
            throw new DimseException(
                    StoreStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS,
                    "SOP Class UID differs from the C-STORE request",
                    Tags.SOPClassUID);
        }
        String name = UidDictionary.nameOf(ctx.sopClassUid());
        boolean image = name.contains("Image Storage") && !name.contains("Presentation");
        if (image
                && !ds.contains(Tag.PixelData)
                && !ds.contains(Tag.FloatPixelData)
                && !ds.contains(Tag.DoubleFloatPixelData)) {
            throw new DimseException(
                    StoreStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS, "Image SOP Class without Pixel Data", Tag.PixelData);
        }
    }

    private static String names(List<Integer> tags) {
        return String.join(
                ", ",
                tags.stream()
                        .map(t -> {
                            String k = org.fluorovault.dicom.dict.ElementDictionary.keywordOf(t);
                            return k != null ? k : Tag.toString(t);
                        })
                        .toList());
    }
}
