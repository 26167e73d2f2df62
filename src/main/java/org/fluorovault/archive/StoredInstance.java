package org.fluorovault.archive;

import java.nio.file.Path;
import java.time.Instant;

/** An indexed object: where it is and what identifies it. */
public record StoredInstance(
        String sopInstanceUid,
        String sopClassUid,
        String transferSyntaxUid,
        String studyInstanceUid,
        String seriesInstanceUid,
        Path path,
        long size,
        String sha256,
        String callingAet,
        Instant receivedAt) {}
