package org.fluorovault.review;

import java.time.Instant;
import java.util.List;

/**
 * The documents one review wrote into the archive. {@code kosSopInstanceUid} is null when no
 * annotation marks a key image; {@code annotated} lists the images the SR reports on.
 */
public record ReviewDocuments(
        String studyInstanceUid,
        String srSopInstanceUid,
        String kosSopInstanceUid,
        List<String> annotated,
        List<String> keyImages,
        String author,
        Instant createdAt) {}
