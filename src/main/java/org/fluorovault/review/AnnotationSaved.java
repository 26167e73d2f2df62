package org.fluorovault.review;

/** Published after a new annotation version has been committed. */
public record AnnotationSaved(String sopInstanceUid, String studyInstanceUid, int version, String author) {}
