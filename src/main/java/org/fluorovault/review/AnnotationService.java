package org.fluorovault.review;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.fluorovault.archive.InstanceNotFoundException;
import org.fluorovault.review.internal.AnnotationRepository;
import org.fluorovault.review.internal.AnnotationValidator;
import org.fluorovault.review.internal.StoredHeaders;
import org.fluorovault.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Annotations of stored images by technologists and physicians. Every save is a new version;
 * earlier versions stay and are never changed. {@link AnnotationSaved} is published once a
 * version is committed.
 */
@Service
public class AnnotationService {
    /** The roles that may annotate and review. */
    public static final Set<String> ANNOTATING_ROLES = Set.of(Role.TECHNOLOGIST.name(), Role.PHYSICIAN.name());

    private static final Logger LOG = LoggerFactory.getLogger(AnnotationService.class);

    private final AnnotationRepository repository;
    private final StoredHeaders headers;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Object[] locks =
            IntStream.range(0, 16).mapToObj(i -> new Object()).toArray();

    AnnotationService(
            AnnotationRepository repository,
            StoredHeaders headers,
            TransactionTemplate tx,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.headers = headers;
        this.tx = tx;
        this.events = events;
    }

    /** The latest version of an image's annotation. */
    public Optional<Annotation> current(String sopInstanceUid) {
        List<Annotation> h = repository.history(sopInstanceUid);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.get(h.size() - 1));
    }

    /** True when the archive holds the image. */
    public boolean isStored(String sopInstanceUid) {
        return headers.isStored(sopInstanceUid);
    }

    /** Every version, oldest first. */
    public List<Annotation> history(String sopInstanceUid) {
        return repository.history(sopInstanceUid);
    }

    /** The latest version of each annotated image of a study. */
    public List<Annotation> currentForStudy(String studyInstanceUid) {
        return repository.currentForStudy(studyInstanceUid);
    }

    /** The studies among {@code studyUids} in which a person has annotated at least one image. */
    public Set<String> annotatedStudies(java.util.Collection<String> studyUids) {
        return repository.annotatedStudies(studyUids);
    }

    /**
     * Saves a new version.
     *
     * @throws InstanceNotFoundException when the archive does not hold the image
     * @throws InvalidAnnotationException when a value is wrong (nothing is saved)
     * @throws AccessDeniedException when {@code role} may not annotate
     */
    public Annotation save(String sopInstanceUid, AnnotationRequest req, String user, String role) {
        if (role == null || !ANNOTATING_ROLES.contains(role)) {
            throw new AccessDeniedException("only a technologist or physician may annotate");
        }
        StoredHeaders.Header image =
                headers.read(sopInstanceUid).orElseThrow(() -> new InstanceNotFoundException(sopInstanceUid));
        AnnotationValidator.Valid v = AnnotationValidator.validate(req, image);
        Annotation saved;
        synchronized (locks[Math.floorMod(sopInstanceUid.hashCode(), locks.length)]) {
            saved = insertNextVersion(sopInstanceUid, image, v, user, role);
        }
        LOG.info("annotation {} v{} saved by {} ({})", sopInstanceUid, saved.version(), user, role);
        events.publishEvent(new AnnotationSaved(sopInstanceUid, saved.studyInstanceUid(), saved.version(), user));
        return saved;
    }

    private Annotation insertNextVersion(
            String uid, StoredHeaders.Header image, AnnotationValidator.Valid v, String user, String role) {
        for (int attempt = 0; ; attempt++) {
            try {
                return tx.execute(status -> {
                    Annotation a = new Annotation(
                            uid,
                            image.instance().studyInstanceUid(),
                            image.instance().seriesInstanceUid(),
                            repository.latestVersion(uid) + 1,
                            v.needleTip(),
                            v.level(),
                            v.approach(),
                            v.laterality(),
                            v.view(),
                            v.contrastPattern(),
                            v.contrastText(),
                            v.keyImage(),
                            v.keyFrames(),
                            user,
                            role,
                            Instant.now().truncatedTo(ChronoUnit.MILLIS));
                    repository.insert(a);
                    return a;
                });
            } catch (DuplicateKeyException e) { // another archive process saved the same version first
                if (attempt >= 3) throw e;
            }
        }
    }
}
