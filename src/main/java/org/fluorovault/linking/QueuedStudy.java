package org.fluorovault.linking;

import java.time.Instant;
import java.util.List;

/**
 * A study no rule could attach: UNMATCHED (no candidate procedure), AMBIGUOUS (several; their ids in
 * {@code candidates}), CONFLICT (a key matched the procedure in {@code candidates}, but the study's
 * Patient ID is another; {@code detail} names both patients) or UNLINKED (a person removed its link,
 * so rules leave it alone).
 */
public record QueuedStudy(
        String studyInstanceUid,
        String patientId,
        String studyDate,
        String accessionNumber,
        List<String> modalities,
        String reason,
        List<Long> candidates,
        Instant queuedAt,
        String detail) {}
