/**
 * The people's review of the images: annotations (view, level, contrast pattern, needle tip, key frames) and the
 * DICOM SR and Key Object Selection documents written from them.
 *
 * <p><b>API:</b> {@link org.fluorovault.review.AnnotationService}, {@link org.fluorovault.review.ReviewService},
 * {@link org.fluorovault.review.Annotation}, {@link org.fluorovault.review.Vocabulary} (the authoritative annotation
 * vocabulary, lumbar/sacral levels included).
 *
 * <p><b>Tables:</b> {@code annotation}, {@code review_document}.
 *
 * <p><b>Events published:</b> {@link org.fluorovault.review.AnnotationSaved} (evidence judges the linked procedure
 * again).
 */
package org.fluorovault.review;
