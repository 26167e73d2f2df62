package org.fluorovault.linking;

import java.time.Instant;

/** A study attached to a procedure, and how: by which rule, or by which user. */
public record StudyLink(
        String studyInstanceUid, long procedureId, LinkMethod method, String linkedBy, Instant linkedAt) {}
