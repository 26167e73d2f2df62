package org.fluorovault.review;

import java.time.Instant;
import java.util.List;

/**
 * One saved version of a person's annotation of a stored image. Versions start at 1; every save
 * is a new version and none is ever changed. Coded fields hold the names of {@link Vocabulary}
 * or null when not recorded.
 */
public record Annotation(
        String sopInstanceUid,
        String studyInstanceUid,
        String seriesInstanceUid,
        int version,
        NeedleTip needleTip,
        String level,
        String approach,
        String laterality,
        String view,
        String contrastPattern,
        String contrastText,
        boolean keyImage,
        List<Integer> keyFrames,
        String author,
        String role,
        Instant createdAt) {
    public Annotation {
        keyFrames = keyFrames == null ? List.of() : List.copyOf(keyFrames);
    }
}
