package org.fluorovault.analysis;

import java.time.Instant;
import org.fluorovault.analysis.internal.AnalysisRepository;
import org.fluorovault.analysis.internal.ContrastAnalyzer;
import org.fluorovault.analysis.internal.StoredFrames;
import org.fluorovault.archive.InstanceNotFoundException;
import org.fluorovault.archive.StudyQueries;
import org.fluorovault.common.UnprocessableException;
import org.fluorovault.dicom.image.FrameDecodeException;
import org.fluorovault.dicom.image.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Contrast-spread analysis of stored runs on demand: a stored result of the current algorithm
 * version is returned as is; otherwise the run is analysed and the result stored.
 */
@Service
public class AnalysisService {
    /** Version of the algorithm; results are stored per version. */
    public static final String ALGORITHM_VERSION = ContrastAnalyzer.VERSION;

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisService.class);

    private final StoredFrames frames;
    private final AnalysisRepository results;
    private final PolarityOverrides overrides;

    private final StudyQueries studies;

    AnalysisService(
            StoredFrames frames, AnalysisRepository results, PolarityOverrides overrides, StudyQueries studies) {
        this.studies = studies;
        this.frames = frames;
        this.results = results;
        this.overrides = overrides;
    }

    /**
     * The polarity the renderer shows with, the same decision the analysis made: the stored result's,
     * else the configured one, else the attributes' (PolarityRule); UNDECIDED when none of them says.
     */
    public ContrastAnalyzer.Configured displayPolarity(
            String sopInstanceUid, org.fluorovault.dicom.data.Attributes ds) {
        var stored = results.find(sopInstanceUid, ALGORITHM_VERSION);
        if (stored.isPresent() && stored.get().polarity() != null) {
            return new ContrastAnalyzer.Configured(
                    stored.get().polarity(), stored.get().polaritySource().name());
        }
        ContrastAnalyzer.Configured c = configuredPolarity(sopInstanceUid, ds);
        if (c != null)
            return new ContrastAnalyzer.Configured(c.polarity(), ContrastAnalysis.PolaritySource.CONFIGURED.name());
        ContrastAnalysis.Polarity p = ContrastAnalyzer.polarityFromAttributes(ds);
        return p == null
                ? new ContrastAnalyzer.Configured(ContrastAnalysis.Polarity.UNDECIDED, "NONE")
                : new ContrastAnalyzer.Configured(p, ContrastAnalysis.PolaritySource.ATTRIBUTES.name());
    }

    /** The configured polarity for the station that sent the object, or null (see {@link PolarityOverrides}). */
    ContrastAnalyzer.Configured configuredPolarity(String sopInstanceUid, org.fluorovault.dicom.data.Attributes ds) {
        PolarityOverrides.Station s = overrides.find(
                frames.callingAet(sopInstanceUid),
                ds.getString(org.fluorovault.dicom.dict.Tags.Manufacturer, null),
                ds.getString(org.fluorovault.dicom.dict.Tags.ManufacturerModelName, null));
        return s == null ? null : new ContrastAnalyzer.Configured(s.attenuation(), s.describe());
    }

    /**
     * The analysis of a stored run.
     *
     * @throws InstanceNotFoundException when the archive does not hold it
     * @throws NotAnalysableException when the object cannot be analysed (the message says why)
     */
    public ContrastAnalysis analysis(String sopInstanceUid) throws NotAnalysableException {
        synchronized (lockFor(sopInstanceUid)) { // on receipt and on demand may ask at the same time
            var stored = results.find(sopInstanceUid, ALGORITHM_VERSION);
            if (stored.isPresent()) return stored.get();
            return analyse(sopInstanceUid);
        }
    }

    /** The stored result of the current algorithm version, never computing one (empty when not analysed yet). */
    public java.util.Optional<ContrastAnalysis> stored(String sopInstanceUid) {
        return results.find(sopInstanceUid, ALGORITHM_VERSION);
    }

    /** The studies among {@code studyUids} of which at least one object has a stored analysis result. */
    public java.util.Set<String> analysedStudies(java.util.Collection<String> studyUids) {
        java.util.Map<String, java.util.List<String>> instances = studies.instancesOfStudies(studyUids);
        java.util.Set<String> analysed = results.analysed(
                instances.values().stream().flatMap(java.util.List::stream).toList());
        java.util.Set<String> out = new java.util.HashSet<>();
        instances.forEach((study, sops) -> {
            if (sops.stream().anyMatch(analysed::contains)) out.add(study);
        });
        return out;
    }

    private final Object[] locks =
            java.util.stream.IntStream.range(0, 16).mapToObj(i -> new Object()).toArray();

    private Object lockFor(String uid) {
        return locks[Math.floorMod(uid.hashCode(), locks.length)];
    }

    /** Analyses again and replaces the stored result of this version. */
    public ContrastAnalysis analyse(String sopInstanceUid) throws NotAnalysableException {
        synchronized (lockFor(sopInstanceUid)) {
            return analyseLocked(sopInstanceUid);
        }
    }

    private ContrastAnalysis analyseLocked(String sopInstanceUid) throws NotAnalysableException {
        try {
            FrameSource src =
                    frames.open(sopInstanceUid).orElseThrow(() -> new InstanceNotFoundException(sopInstanceUid));
            long t0 = System.nanoTime();
            ContrastAnalysis a = ContrastAnalyzer.analyse(src, configuredPolarity(sopInstanceUid, src.attributes()));
            LOG.info(
                    "analysed {}: {} ({} frames, {} ms)",
                    sopInstanceUid,
                    a.suggestedPattern(),
                    src.frameCount(),
                    (System.nanoTime() - t0) / 1_000_000);
            results.save(sopInstanceUid, a, Instant.now());
            return a;
        } catch (FrameDecodeException e) {
            throw new NotAnalysableException(e.reason().name(), e.getMessage());
        } catch (ContrastAnalyzer.NotAnalysableException e) {
            throw new NotAnalysableException("NOT_A_RUN", e.getMessage());
        }
    }

    /** The object is archived but cannot be analysed; {@code reason} is a short code, the message says why. */
    public static class NotAnalysableException extends UnprocessableException {
        private final String reason;

        public NotAnalysableException(String reason, String message) {
            super(reason + ": " + message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
