package org.fluorovault.evidence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fluorovault.analysis.AnalysisService;
import org.fluorovault.archive.StudyQueries;
import org.fluorovault.dose.DoseIndex;
import org.fluorovault.dose.StudyDose;
import org.fluorovault.linking.StudyLink;
import org.fluorovault.linking.StudyLinker;
import org.fluorovault.procedure.CoveredDiagnoses;
import org.fluorovault.procedure.GuidanceImaging;
import org.fluorovault.procedure.Procedure;
import org.fluorovault.procedure.ProcedureNotFoundException;
import org.fluorovault.procedure.ProcedureService;
import org.fluorovault.procedure.Status;
import org.fluorovault.review.Annotation;
import org.fluorovault.review.AnnotationService;
import org.springframework.stereotype.Service;

/**
 * Gathers a procedure's {@link EvidenceFacts} (record, the patient's other sessions, linked images, current
 * annotations, stored analysis suggestions, dose), judges them with the 62323 rule set and stores each verdict
 * with the rule set version and the procedure version it judged. Reads only: analysis is never run here.
 */
@Service
public class EvidenceService {
    private final ProcedureService procedures;
    private final StudyLinker linker;
    private final AnnotationService annotations;
    private final AnalysisService analysis;
    private final DoseIndex dose;
    private final EvidenceRepository repo;
    private final StudyQueries studies;
    private final EvidenceEvaluator evaluator;

    public EvidenceService(
            ProcedureService procedures,
            StudyLinker linker,
            AnnotationService annotations,
            AnalysisService analysis,
            DoseIndex dose,
            EvidenceRepository repo,
            StudyQueries studies) {
        this.procedures = procedures;
        this.linker = linker;
        this.annotations = annotations;
        this.analysis = analysis;
        this.dose = dose;
        this.repo = repo;
        this.studies = studies;
        CoveredDiagnoses covered = CoveredDiagnoses.lumbarEsi();
        this.evaluator = new EvidenceEvaluator(
                RuleSet.loadDefault(),
                new DiagnosisCoverage() {
                    public boolean isCovered(String code) {
                        return covered.isCovered(code);
                    }

                    public String source() {
                        return covered.source() + ", list version " + covered.version();
                    }
                },
                Clock.systemUTC());
    }

    public RuleSet ruleSet() {
        return evaluator.ruleSet();
    }

    /**
     * Judges the procedure now and stores the verdict.
     *
     * @throws ProcedureNotFoundException for an unknown id
     * @throws NoRuleSetException when the procedure's CPT code has no rule set
     */
    public StoredVerdict evaluate(long procedureId, String user) {
        Procedure p = procedures.find(procedureId).orElseThrow(() -> new ProcedureNotFoundException(procedureId));
        Verdict v = evaluator.evaluate(facts(p));
        repo.save(procedureId, p.version(), user, v);
        return new StoredVerdict(0, procedureId, p.version(), user, v);
    }

    /** Verdicts given before, newest first. */
    public List<StoredVerdict> history(long procedureId, int limit) {
        return repo.history(procedureId, limit);
    }

    /** The latest stored verdict of each procedure among {@code procedureIds} that has one (nothing is evaluated). */
    public List<VerdictSummary> latest(java.util.Collection<Long> procedureIds) {
        return repo.latest(procedureIds);
    }

    /** The facts the rules look at, for the procedure's current version. */
    public EvidenceFacts facts(Procedure p) {
        List<EvidenceFacts.Session> others = new ArrayList<>();
        for (Procedure o : procedures.forPatient(p.patient().id())) {
            if (o.id() != p.id() && o.status() != Status.CANCELLED && o.dateOfService() != null) others.add(session(o));
        }
        List<EvidenceFacts.LinkedImage> images = new ArrayList<>();
        List<EvidenceFacts.ImageAnnotation> notes = new ArrayList<>();
        List<EvidenceFacts.AnalysisSuggestion> suggestions = new ArrayList<>();
        List<StudyDose> doses = new ArrayList<>();
        for (StudyLink link : linker.linksOf(p.id())) {
            List<EvidenceFacts.LinkedImage> studyImages = images(link.studyInstanceUid());
            images.addAll(studyImages);
            for (Annotation a : annotations.currentForStudy(link.studyInstanceUid())) notes.add(annotation(a));
            for (EvidenceFacts.LinkedImage i : studyImages) {
                if (!GuidanceImaging.FLUOROSCOPY.contains(i.modality())) continue;
                analysis.stored(i.sopInstanceUid())
                        .ifPresent(r -> suggestions.add(new EvidenceFacts.AnalysisSuggestion(
                                i.sopInstanceUid(), r.suggestedPattern().name(), r.confidence())));
            }
            StudyDose d = dose.forStudy(link.studyInstanceUid());
            if (d != null && d.source() != StudyDose.Source.NONE) doses.add(d);
        }
        return new EvidenceFacts(session(p), others, images, notes, suggestions, combine(doses));
    }

    private static EvidenceFacts.Session session(Procedure p) {
        var d = p.data();
        return new EvidenceFacts.Session(
                p.id(),
                p.patient().id(),
                p.dateOfService(),
                d.cptCode(),
                d.region() == null ? null : d.region().name(),
                d.levels(),
                d.approach() == null ? null : d.approach().name(),
                d.laterality() == null ? null : d.laterality().name(),
                d.medications() == null ? null : d.medications().steroid(),
                d.contrastContraindication() == null
                        ? null
                        : new EvidenceFacts.Contraindication(
                                d.contrastContraindication().kind().name(),
                                d.contrastContraindication().text()),
                d.diagnoses(),
                d.scores().stream()
                        .map(s -> new EvidenceFacts.Score(
                                s.scale().name(),
                                s.value().doubleValue(),
                                s.date(),
                                s.kind().name()))
                        .toList());
    }

    private static EvidenceFacts.ImageAnnotation annotation(Annotation a) {
        return new EvidenceFacts.ImageAnnotation(
                a.sopInstanceUid(),
                a.version(),
                a.view(),
                a.level(),
                a.approach(),
                a.laterality(),
                a.contrastPattern(),
                a.contrastText(),
                a.keyImage(),
                a.needleTip() != null,
                a.author(),
                a.role(),
                a.createdAt());
    }

    /** Fluoroscopy time, DAP and air kerma of the linked studies, as recorded with their units. */
    static EvidenceFacts.Dose combine(List<StudyDose> doses) {
        if (doses.isEmpty()) return null;
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        for (StudyDose d : doses) {
            sources.add(d.source() + " " + String.join(", ", d.sourceInstanceUids()));
            for (StudyDose.Total t : d.totals()) {
                String kind = switch (t.code()) {
                    case "113730", "(0040,0300)" -> "time";
                    case "113722" -> "dap";
                    case "113725" -> "kerma";
                    case "(0040,0302)" -> "entrance";
                    default -> null;
                };
                if (kind != null)
                    found.computeIfAbsent(kind, k -> new ArrayList<>()).add(value(t));
            }
        }
        String kerma = Optional.ofNullable(found.get("kerma"))
                .map(l -> String.join(" + ", l))
                .orElse(Optional.ofNullable(found.get("entrance"))
                        .map(l -> String.join(" + ", l) + " (entrance dose)")
                        .orElse(null));
        return new EvidenceFacts.Dose(
                join(found.get("time")), join(found.get("dap")), kerma, String.join("; ", sources));
    }

    private static String join(List<String> values) {
        return values == null ? null : String.join(" + ", values);
    }

    private static String value(StudyDose.Total t) {
        String v = t.value() == Math.rint(t.value()) && Math.abs(t.value()) < 1e12
                ? Long.toString((long) t.value())
                : String.format(java.util.Locale.ROOT, "%.4g", t.value());
        return v + (t.unit() == null || t.unit().isBlank() ? "" : " " + t.unit());
    }

    /**
     * The stored images of a study in the order they were acquired: by the acquisition times the
     * objects state when every image states one, else by receipt (a time from the objects for some
     * images and the archive's clock for others would not order them).
     */
    private List<EvidenceFacts.LinkedImage> images(String studyUid) {
        List<StudyQueries.StoredImage> rows = studies.images(studyUid);
        boolean byAcquisition = rows.stream().allMatch(r -> r.acquiredAt() != null);
        java.util.function.Function<StudyQueries.StoredImage, java.time.Instant> when =
                byAcquisition ? StudyQueries.StoredImage::acquiredAt : StudyQueries.StoredImage::receivedAt;
        return rows.stream()
                .sorted(java.util.Comparator.comparing(when).thenComparingLong(StudyQueries.StoredImage::receiptOrder))
                .map(r -> new EvidenceFacts.LinkedImage(
                        r.sopInstanceUid(),
                        r.seriesInstanceUid(),
                        r.studyInstanceUid(),
                        r.modality(),
                        r.positionerPrimaryAngle(),
                        when.apply(r)))
                .toList();
    }
}
