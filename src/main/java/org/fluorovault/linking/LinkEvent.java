package org.fluorovault.linking;

import java.time.Instant;

/** One entry of the append-only link history: LINK or UNLINK, by a rule or a person. */
public record LinkEvent(
        long id,
        String studyInstanceUid,
        long procedureId,
        String action,
        LinkMethod method,
        String actor,
        Instant at,
        String detail) {}
