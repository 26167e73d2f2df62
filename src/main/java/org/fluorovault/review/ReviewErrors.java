package org.fluorovault.review;

import org.fluorovault.analysis.InstanceNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Plain-text answers that say why: 400 bad values, 403 wrong role, 404 unknown instance, 409 nothing to review. */
@RestControllerAdvice(assignableTypes = ReviewController.class)
class ReviewErrors {
    @ExceptionHandler(InstanceNotFoundException.class)
    ResponseEntity<String> notFound(InstanceNotFoundException e) { return text(HttpStatus.NOT_FOUND, e.getMessage()); }

    @ExceptionHandler(InvalidAnnotationException.class)
    ResponseEntity<String> invalid(InvalidAnnotationException e) { return text(HttpStatus.BAD_REQUEST, e.getMessage()); }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        Throwable c = e.getMostSpecificCause();
        String detail = c instanceof tools.jackson.databind.DatabindException d && !d.getPath().isEmpty()
                ? field(d) + ": wrong type or format" : "body: not a JSON annotation";
        return text(HttpStatus.BAD_REQUEST, detail);
    }

    /** The JSON path of the offending value, e.g. needleTip.frame or keyFrames[1]. */
    private static String field(tools.jackson.databind.DatabindException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.toString();
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<String> forbidden(AccessDeniedException e) { return text(HttpStatus.FORBIDDEN, e.getMessage()); }

    @ExceptionHandler(ReviewService.NothingToReviewException.class)
    ResponseEntity<String> nothing(ReviewService.NothingToReviewException e) { return text(HttpStatus.CONFLICT, e.getMessage()); }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}
