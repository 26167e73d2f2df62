package org.fluorovault.evidence.packet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fluorovault.analysis.AnalysisOnReceipt;
import org.fluorovault.analysis.AnalysisService;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.archive.ArchiveStore;
import org.fluorovault.archive.StoredInstance;
import org.fluorovault.dicom.data.LogSafe;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameSource;
import org.fluorovault.dose.DoseIndex;
import org.fluorovault.dose.StudyDose;
import org.fluorovault.evidence.EvidenceService;
import org.fluorovault.evidence.StoredVerdict;
import org.fluorovault.linking.StudyLink;
import org.fluorovault.linking.StudyLinker;
import org.fluorovault.procedure.CptCatalog;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureData;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.review.Annotation;
import org.fluorovault.review.AnnotationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Assembles the PDF evidence packet of a procedure from the record, a fresh verdict, the images and the logs. */
@Service
public class PacketService {
    private static final Logger LOG = LoggerFactory.getLogger(PacketService.class);
    private static final int MAX_KEY_IMAGES = 16;
    private static final Map<String, String> KINDS = Map.of(
            Uids.XRayAngiographicImageStorage,
            "XA",
            Uids.EnhancedXAImageStorage,
            "Enh. XA",
            Uids.XRayRadiofluoroscopicImageStorage,
            "RF",
            Uids.EnhancedXRFImageStorage,
            "Enh. XRF",
            Uids.CTImageStorage,
            "CT",
            Uids.XRayRadiationDoseSRStorage,
            "Dose SR",
            Uids.ComprehensiveSRStorage,
            "Comp. SR",
            Uids.KeyObjectSelectionDocumentStorage,
            "Key objects");

    private final ProcedureService procedures;
    private final EvidenceService evidence;
    private final StudyLinker linker;
    private final AnnotationService annotations;
    private final AnalysisService analysis;
    private final DoseIndex dose;
    private final EvidenceZip zip;
    private final ArchiveStore store;
    private final Clock clock = Clock.systemUTC();

    public PacketService(
            ProcedureService procedures,
            EvidenceService evidence,
            StudyLinker linker,
            AnnotationService annotations,
            AnalysisService analysis,
            DoseIndex dose,
            EvidenceZip zip,
            ArchiveStore store) {
        this.procedures = procedures;
        this.evidence = evidence;
        this.linker = linker;
        this.annotations = annotations;
        this.analysis = analysis;
        this.dose = dose;
        this.zip = zip;
        this.store = store;
    }

    /** Writes the PDF packet; the verdict in it is evaluated (and stored) now. */
    public void writePdf(long procedureId, String user, List<PacketContent.AccessRow> access, OutputStream out)
            throws IOException {
        new PacketPdf().write(content(procedureId, user, access), out);
    }

    PacketContent content(long procedureId, String user, List<PacketContent.AccessRow> access) {
        Procedure p = procedures.find(procedureId).orElseThrow(() -> new ProcedureNotFoundException(procedureId));
        StoredVerdict verdict = evidence.evaluate(procedureId, user);
        List<StudyLink> links = linker.linksOf(procedureId);
        List<StoredInstance> objects = zip.objects(procedureId);
        List<PacketContent.KeyImage> keyImages = new ArrayList<>();
        List<PacketContent.Curve> curves = new ArrayList<>();
        List<String> doseLines = new ArrayList<>();
        for (StudyLink l : links) {
            for (Annotation a : annotations.currentForStudy(l.studyInstanceUid())) {
                if (!a.keyImage() || keyImages.size() >= MAX_KEY_IMAGES) continue;
                keyImage(a).ifPresent(keyImages::add);
            }
            StudyDose d = dose.forStudy(l.studyInstanceUid());
            if (d != null && d.source() != StudyDose.Source.NONE) {
                for (StudyDose.Total t : d.totals()) {
                    doseLines.add(t.meaning() + ": " + fmt(t.value()) + (t.unit() == null ? "" : " " + t.unit()) + " ("
                            + d.source() + ")");
                }
                if (d.comments() != null) doseLines.add("Comments: " + d.comments());
            }
        }
        for (StoredInstance si : objects) {
            String kind = KINDS.get(si.sopClassUid());
            if (!AnalysisOnReceipt.RUN_SOP_CLASSES.contains(si.sopClassUid())) continue; // the runs the analysis reads
            analysis.stored(si.sopInstanceUid())
                    .filter(r -> r.timeIntensity() != null && !r.timeIntensity().isEmpty())
                    .ifPresent(r -> curves.add(new PacketContent.Curve(
                            kind + " run " + si.sopInstanceUid() + " - suggested " + r.suggestedPattern(),
                            r.timeIntensity().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray(),
                            r.onsetFrame() == null ? 0 : r.onsetFrame(),
                            r.peakFrame() == null ? 0 : r.peakFrame())));
        }
        List<PacketContent.CustodyRow> custody = objects.stream()
                .map(si -> new PacketContent.CustodyRow(
                        si.sopInstanceUid(),
                        KINDS.getOrDefault(si.sopClassUid(), "other"),
                        si.receivedAt(),
                        si.callingAet(),
                        si.sha256(),
                        store.verify(si)))
                .toList();
        return new PacketContent(
                procedureId,
                summary(p, links),
                verdict.verdict(),
                keyImages,
                curves,
                doseLines,
                custody,
                access,
                clock.instant(),
                user);
    }

    private Optional<PacketContent.KeyImage> keyImage(Annotation a) {
        StoredInstance si = zip.instance(a.sopInstanceUid());
        if (si == null) return Optional.empty();
        ContrastAnalysis r = analysis.stored(a.sopInstanceUid()).orElse(null);
        try {
            var src = FrameSource.open(store.resolve(si.path()));
            int frame = KeyImageRenderer.frameOf(a, r, src.frameCount());
            var img = KeyImageRenderer.render(store.resolve(si.path()), frame, a, r);
            String caption = String.join(
                            ", ",
                            nonNull(
                                    a.view(),
                                    a.level() == null ? null : "level " + a.level(),
                                    a.contrastPattern() == null ? null : "contrast " + a.contrastPattern(),
                                    a.needleTip() == null ? null : "needle tip marked (red)",
                                    r != null && !r.outline().isEmpty()
                                            ? "analysed contrast region at frame " + r.peakFrame() + " (yellow)"
                                            : null))
                    + ". Frame " + frame + " of " + a.sopInstanceUid() + ". Annotated by " + a.author() + " ("
                    + a.role()
                    + "), version " + a.version() + ", " + a.createdAt() + "."
                    + (a.contrastText() == null || a.contrastText().isBlank() ? "" : " Note: " + a.contrastText());
            return Optional.of(new PacketContent.KeyImage(img, caption));
        } catch (FrameDecodeException e) {
            LOG.info(
                    "key image {} not rendered: {}",
                    LogSafe.escape(a.sopInstanceUid()),
                    LogSafe.escape(e.getMessage()));
            return Optional.of(new PacketContent.KeyImage(
                    new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB),
                    "Key image " + a.sopInstanceUid() + " could not be rendered: " + e.getMessage()
                            + " (it is in the ZIP packet)"));
        }
    }

    private static List<PacketContent.Field> summary(Procedure p, List<StudyLink> links) {
        ProcedureData d = p.data();
        List<PacketContent.Field> f = new ArrayList<>();
        f.add(new PacketContent.Field(
                "Patient",
                nz(d.patient().name()) + " (ID " + d.patient().id() + ")"
                        + (d.patient().birthDate() == null
                                ? ""
                                : ", born " + d.patient().birthDate())
                        + (d.patient().sex() == null
                                ? ""
                                : ", sex " + d.patient().sex())));
        f.add(new PacketContent.Field("Date of service", String.valueOf(p.dateOfService())));
        f.add(new PacketContent.Field(
                "Procedure",
                d.cptCode() + " "
                        + CptCatalog.find(d.cptCode())
                                .map(CptCatalog.Cpt::descriptor)
                                .orElse("")));
        f.add(new PacketContent.Field(
                "Status",
                p.status() + ", record version " + p.version() + ", last changed by " + p.updatedBy() + " at "
                        + p.updatedAt()));
        f.add(new PacketContent.Field(
                "Accession / requested procedure", nz(d.accessionNumber()) + " / " + nz(d.requestedProcedureId())));
        f.add(new PacketContent.Field(
                "Region, levels",
                d.region() + ", " + (d.levels().isEmpty() ? "no level recorded" : String.join(", ", d.levels()))));
        f.add(new PacketContent.Field("Approach, laterality", d.approach() + ", " + d.laterality()));
        if (d.physician() != null)
            f.add(new PacketContent.Field(
                    "Performing physician",
                    nz(d.physician().name()) + " (NPI " + nz(d.physician().npi()) + ")"));
        f.add(new PacketContent.Field("Facility", nz(d.facility())));
        f.add(new PacketContent.Field("Diagnoses (ICD-10-CM)", String.join(", ", d.diagnoses())));
        f.add(new PacketContent.Field(
                "Contrast contraindication",
                d.contrastContraindication() == null
                        ? "none recorded"
                        : d.contrastContraindication().kind() + " "
                                + nz(d.contrastContraindication().text())));
        if (d.medications() != null) {
            f.add(new PacketContent.Field(
                    "Medications",
                    nz(d.medications().steroid())
                            + (d.medications().steroidDoseMg() == null
                                    ? ""
                                    : " " + d.medications().steroidDoseMg().toPlainString() + " mg")
                            + "; local anesthetic " + nz(d.medications().localAnesthetic())));
        }
        f.add(new PacketContent.Field(
                "Scores",
                d.scores().isEmpty()
                        ? "none recorded"
                        : String.join(
                                "; ",
                                d.scores().stream()
                                        .map(s -> s.kind() + " " + s.scale() + " "
                                                + s.value().toPlainString() + " on " + s.date())
                                        .toList())));
        f.add(new PacketContent.Field(
                "Linked studies",
                links.isEmpty()
                        ? "none"
                        : String.join(
                                "; ",
                                links.stream()
                                        .map(l -> l.studyInstanceUid() + " (" + l.method() + " by " + l.linkedBy()
                                                + ", " + l.linkedAt() + ")")
                                        .toList())));
        return f;
    }

    private static List<String> nonNull(String... parts) {
        List<String> out = new ArrayList<>();
        for (String s : parts) if (s != null) out.add(s);
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12
                ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
