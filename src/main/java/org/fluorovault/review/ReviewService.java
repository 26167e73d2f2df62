package org.fluorovault.review;

import java.util.List;
import org.fluorovault.review.internal.ReviewWriter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Turns a study's current annotations into DICOM: a Comprehensive SR with the coded findings and
 * a Key Object Selection Document with the key images, both stored, indexed and retrievable like
 * received objects. Every review writes new documents; earlier ones stay.
 */
@Service
public class ReviewService {
    private final AnnotationService annotations;
    private final ReviewWriter writer;

    ReviewService(AnnotationService annotations, ReviewWriter writer) {
        this.annotations = annotations;
        this.writer = writer;
    }

    /**
     * @throws NothingToReviewException when no image of the study is annotated
     * @throws AccessDeniedException when {@code role} may not review
     */
    public ReviewDocuments review(String studyInstanceUid, String user, String role) {
        if (role == null || !AnnotationService.ANNOTATING_ROLES.contains(role)) {
            throw new AccessDeniedException("only a technologist or physician may review");
        }
        List<Annotation> current = annotations.currentForStudy(studyInstanceUid);
        if (current.isEmpty()) throw new NothingToReviewException(studyInstanceUid);
        return writer.write(studyInstanceUid, current, user, role);
    }

    /** The study has no annotated image (or is not in the archive). */
    public static class NothingToReviewException extends org.fluorovault.common.ConflictException {
        public NothingToReviewException(String studyInstanceUid) {
            super("study " + studyInstanceUid + " has no annotated image to review");
        }
    }
}
