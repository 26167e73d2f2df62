package org.fluorovault.review.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fluorovault.analysis.AnalysisService;
import org.fluorovault.analysis.ContrastAnalysis;
import org.fluorovault.dicom.data.Attributes;
import org.fluorovault.dicom.data.UidGenerator;
import org.fluorovault.dicom.data.VR;
import org.fluorovault.dicom.dict.Tags;
import org.fluorovault.dicom.dict.Uids;
import org.fluorovault.dicom.net.ul.Implementation;
import org.fluorovault.review.Annotation;
import org.fluorovault.review.ReviewDocuments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the review's SR and KOS from a study's current annotations and the stored analyses, and
 * puts them into the archive. Each call makes new documents with new UIDs in new series.
 */
@Component
public class ReviewWriter {
    /** Root of the UIDs of review documents and their series. */
    public static final String UID_ROOT = Implementation.UID_ROOT + ".4";

    static final int SR_SERIES_NUMBER = 9001, KOS_SERIES_NUMBER = 9002;
    private static final Logger LOG = LoggerFactory.getLogger(ReviewWriter.class);

    private final StoredHeaders headers;
    private final AnalysisService analyses;
    private final DerivedObjectStore store;
    private final ReviewRepository reviews;

    public ReviewWriter(
            StoredHeaders headers, AnalysisService analyses, DerivedObjectStore store, ReviewRepository reviews) {
        this.headers = headers;
        this.analyses = analyses;
        this.store = store;
        this.reviews = reviews;
    }

    /** {@code current} holds at least one annotation, all of {@code studyUid}. */
    public ReviewDocuments write(String studyUid, List<Annotation> current, String reviewer, String role) {
        Instant now = Instant.now();
        Map<String, StoredHeaders.Header> images = new LinkedHashMap<>();
        for (Annotation a : current) {
            headers.read(a.sopInstanceUid()).ifPresent(h -> images.put(a.sopInstanceUid(), h));
        }
        if (images.isEmpty()) throw new IllegalStateException("no annotated image of study " + studyUid + " is stored");
        Attributes source = images.values().iterator().next().dataset();

        List<ReviewSr.Finding> findings = new ArrayList<>();
        List<ReviewKos.KeyImage> keys = new ArrayList<>();
        List<DocumentHeader.Ref> refs = new ArrayList<>(), keyRefs = new ArrayList<>();
        for (Annotation a : current) {
            StoredHeaders.Header h = images.get(a.sopInstanceUid());
            if (h == null) continue;
            String cuid = h.instance().sopClassUid();
            findings.add(new ReviewSr.Finding(a, cuid, analysis(a.sopInstanceUid())));
            DocumentHeader.Ref ref =
                    new DocumentHeader.Ref(a.studyInstanceUid(), a.seriesInstanceUid(), cuid, a.sopInstanceUid());
            refs.add(ref);
            if (a.keyImage()) {
                keys.add(new ReviewKos.KeyImage(a, cuid));
                keyRefs.add(ref);
            }
        }

        String srUid = UidGenerator.create(UID_ROOT);
        Attributes sr = DocumentHeader.create(
                source,
                Uids.ComprehensiveSRStorage,
                srUid,
                UidGenerator.create(UID_ROOT),
                "SR",
                SR_SERIES_NUMBER,
                "Injection image review",
                now);
        sr.setString(Tags.CompletionFlag, VR.CS, "COMPLETE");
        sr.setString(Tags.VerificationFlag, VR.CS, "UNVERIFIED");
        sr.newSequence(Tags.PerformedProcedureCodeSequence);
        DocumentHeader.evidence(sr, refs);
        ReviewSr.addContent(sr, reviewer, role, findings);

        String kosUid = null;
        Attributes kos = null;
        if (!keys.isEmpty()) {
            kosUid = UidGenerator.create(UID_ROOT);
            kos = DocumentHeader.create(
                    source,
                    Uids.KeyObjectSelectionDocumentStorage,
                    kosUid,
                    UidGenerator.create(UID_ROOT),
                    "KO",
                    KOS_SERIES_NUMBER,
                    "Key images of the injection",
                    now);
            DocumentHeader.evidence(kos, keyRefs);
            ReviewKos.addContent(kos, reviewer, role, keys);
        }
        store.store(sr);
        if (kos != null) store.store(kos);
        reviews.insert(studyUid, srUid, kosUid, reviewer, role, now);
        LOG.info(
                "review of study {} by {}: SR {} ({} images), KOS {} ({} key images)",
                studyUid,
                reviewer,
                srUid,
                findings.size(),
                kosUid,
                keys.size());
        return new ReviewDocuments(
                studyUid,
                srUid,
                kosUid,
                findings.stream().map(f -> f.annotation().sopInstanceUid()).toList(),
                keys.stream().map(k -> k.annotation().sopInstanceUid()).toList(),
                reviewer,
                now);
    }

    /** The stored (or newly computed) analysis of a run; null for objects that cannot be analysed. */
    private ContrastAnalysis analysis(String sopInstanceUid) {
        try {
            return analyses.analysis(sopInstanceUid);
        } catch (AnalysisService.NotAnalysableException e) {
            return null;
        }
    }
}
