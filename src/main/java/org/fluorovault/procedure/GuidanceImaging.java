package org.fluorovault.procedure;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.fluorovault.review.Vocabulary;

/**
 * The domain vocabularies of image guidance, each with one authoritative source, and who reads it.
 *
 * <ul>
 *   <li>Lumbar/sacral levels: {@link Vocabulary.Level} (review) is authoritative; {@link #LUMBAR_SACRAL_LEVELS} is
 *       derived from it. The rule set's {@code lumbarSacralLevels} is versioned data and must equal it
 *       ({@code GuidanceImagingTest}); the browser reads it from {@code GET /api/vocabulary}.</li>
 *   <li>{@link #GUIDANCE_MODALITIES}: what counts as imaging guidance for 62323 (fluoroscopy or CT). Read by HL7
 *       orders, the linker's default ({@code fluorovault.linker.modalities}) and rule R1 (the rule set's
 *       {@code guidanceModalities}, checked equal).</li>
 *   <li>{@link #FLUOROSCOPY}: the modalities of runs the contrast analysis reads and the packet plots. The SOP classes
 *       analysed are {@code analysis.AnalysisOnReceipt.RUN_SOP_CLASSES}.</li>
 *   <li>{@link #SCHEDULABLE_MODALITIES}: what a procedure record may schedule (ultrasound too: such a record is not
 *       billable as 62323, and R1 says so).</li>
 * </ul>
 */
public final class GuidanceImaging {
    public static final List<String> LUMBAR_SACRAL_LEVELS = Arrays.stream(Vocabulary.Level.values())
            .map(Vocabulary.Level::label)
            .toList();
    public static final List<String> GUIDANCE_MODALITIES = List.of("XA", "RF", "CT");
    public static final Set<String> FLUOROSCOPY = Set.of("XA", "RF");
    public static final Set<String> SCHEDULABLE_MODALITIES = Set.of("XA", "RF", "CT", "US");

    private GuidanceImaging() {}
}
