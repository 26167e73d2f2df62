package org.fluorovault.archive;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Indexed objects whose file is not on disk: found by a read (WADO, C-GET, frames, commitment) or
 * by the check after start. They are never answered as "not found": health reports them (DOWN) and
 * the admin page lists them, until the file is back (an identical resend restores it).
 */
@Component("objectFiles")
public class MissingObjects implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(MissingObjects.class);

    public record Missing(String sopInstanceUid, String path, Instant noticed) {}

    private final ConcurrentHashMap<String, Missing> missing = new ConcurrentHashMap<>();

    /** Records that the file of an indexed object is missing (logged once per object). */
    public void report(String sopInstanceUid, Path path) {
        Missing m = new Missing(sopInstanceUid, path.toString(), Instant.now());
        if (missing.putIfAbsent(sopInstanceUid, m) == null) {
            LOG.error("stored object {} is indexed but its file {} is missing", sopInstanceUid, path);
        }
    }

    void restored(String sopInstanceUid) {
        missing.remove(sopInstanceUid);
    }

    public int count() {
        return missing.size();
    }

    /** The missing objects, oldest notice first, at most {@code limit}. */
    public List<Missing> list(int limit) {
        return missing.values().stream()
                .sorted(Comparator.comparing(Missing::noticed))
                .limit(limit)
                .toList();
    }

    @Override
    public Health health() {
        int n = missing.size();
        if (n == 0) return Health.up().build();
        return Health.down()
                .withDetail("missingObjectFiles", n)
                .withDetail(
                        "examples",
                        list(5).stream().map(Missing::sopInstanceUid).toList())
                .build();
    }
}
