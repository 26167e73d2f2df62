package org.fluorovault.procedure;

/**
 * Where a procedure stands on the worklist, derived from the record's {@link Status} and what the
 * archive holds for it (docs/worklist-status.md):
 * <ul>
 * <li>{@link #CANCELLED}, {@link #SIGNED}, {@link #REVIEWED}: the record's own status, whatever the images.</li>
 * <li>For a SCHEDULED or PERFORMED record:
 *   <ul>
 *   <li>no linked study holds an image: the record's status, {@link #SCHEDULED} or {@link #PERFORMED}
 *       (done, no images yet);</li>
 *   <li>{@link #REVIEW_NEEDED} when a linked study holds images and the procedure is over or its images
 *       are ready to read: the record is PERFORMED, or the image analysis has a result for one of them,
 *       or a person has already annotated one;</li>
 *   <li>{@link #IMAGES_RECEIVED} when a linked study holds images of a record still SCHEDULED that
 *       has neither an analysis result nor an annotation (images still coming in, analysis pending).</li>
 *   </ul></li>
 * </ul>
 * The constants are declared in the order a procedure goes; the worklist sorts by that order, which
 * {@code GET /api/vocabulary} serves.
 */
public enum WorklistStatus {
    SCHEDULED,
    PERFORMED,
    IMAGES_RECEIVED,
    REVIEW_NEEDED,
    REVIEWED,
    SIGNED,
    CANCELLED;

    /**
     * @param record         the record's status
     * @param imagesReceived a study linked to the record holds at least one stored instance
     * @param reviewable     an analysis result or an annotation exists for an instance of a linked study
     */
    public static WorklistStatus derive(Status record, boolean imagesReceived, boolean reviewable) {
        return switch (record) {
            case CANCELLED -> CANCELLED;
            case SIGNED -> SIGNED;
            case REVIEWED -> REVIEWED;
            case SCHEDULED -> !imagesReceived ? SCHEDULED : reviewable ? REVIEW_NEEDED : IMAGES_RECEIVED;
            case PERFORMED -> imagesReceived ? REVIEW_NEEDED : PERFORMED;
        };
    }
}
