package org.fluorovault.common;

import org.fluorovault.dicom.image.FrameDecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of every {@code @RestController} as RFC 9457 {@code application/problem+json}: {@code detail} says what is
 * wrong in words a user can act on. Unexpected exceptions are not mapped here: they stay 500 and are logged by Spring.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UnprocessableException.class)
    ProblemDetail unprocessable(UnprocessableException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    /** A role check of {@code @PreAuthorize} or of a service refused the signed-in user. */
    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /**
     * Exceptions that carry their own status and ProblemDetail (such as the 428 of an update without its version): left
     * to Spring MVC they would reach the error page as a sendError, without their detail.
     */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> errorResponse(ErrorResponseException e) {
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders()).body(e.getBody());
    }

    @ExceptionHandler(FrameDecodeException.class)
    ProblemDetail cannotDecode(FrameDecodeException e) {
        HttpStatus status = switch (e.reason()) {
            case FRAME_OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
            case UNSUPPORTED_TRANSFER_SYNTAX, UNSUPPORTED_PIXEL_FORMAT, INCONSISTENT_PIXEL_DATA, CORRUPT_PIXEL_DATA ->
                HttpStatus.UNPROCESSABLE_CONTENT;
        };
        if (e.reason() == FrameDecodeException.Reason.CORRUPT_PIXEL_DATA) LOG.warn("cannot decode: {}", e.getMessage());
        return problem(status, e.reason() + ": " + e.getMessage());
    }

    /** Unreadable JSON: the path of the offending value when Jackson knows it, else its first line. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable c = e.getMostSpecificCause();
        if (c instanceof tools.jackson.databind.DatabindException d
                && !d.getPath().isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, field(d) + ": wrong type or format (invalid JSON)");
        }
        String msg = c.getMessage() == null ? String.valueOf(e.getMessage()) : c.getMessage();
        int nl = msg.indexOf('\n'); // Jackson appends the source location and reference chain
        return problem(HttpStatus.BAD_REQUEST, "body: invalid JSON: " + (nl > 0 ? msg.substring(0, nl) : msg));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getName() + " '" + e.getValue() + "' is not valid");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "parameter " + e.getParameterName() + " is required");
    }

    /** The JSON path of the offending value, e.g. needleTip.frame or keyFrames[1]. */
    private static String field(tools.jackson.databind.DatabindException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null)
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.toString();
    }

    public static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail == null ? status.getReasonPhrase() : detail);
    }
}
