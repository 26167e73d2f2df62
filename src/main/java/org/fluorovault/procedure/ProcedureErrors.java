package org.fluorovault.procedure;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Plain-text answers that say what is wrong: 400 invalid input (unreadable JSON, impossible
 * dates, unknown codes), 404 unknown record, 409 version conflict or a status step not allowed,
 * 428 an update without the version it is based on.
 */
@RestControllerAdvice(assignableTypes = ProcedureController.class)
class ProcedureErrors {

    @ExceptionHandler(InvalidProcedureException.class)
    ResponseEntity<String> invalid(InvalidProcedureException e) { return text(HttpStatus.BAD_REQUEST, e.getMessage()); }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        String msg = c.getMessage() == null ? e.getMessage() : c.getMessage();
        // Jackson appends the source location and reference chain; the first line says what is wrong
        int nl = msg.indexOf('\n');
        return text(HttpStatus.BAD_REQUEST, "invalid JSON: " + (nl > 0 ? msg.substring(0, nl) : msg));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> badParameter(MethodArgumentTypeMismatchException e) {
        return text(HttpStatus.BAD_REQUEST, e.getName() + " '" + e.getValue() + "' is not valid");
    }

    @ExceptionHandler(ProcedureNotFoundException.class)
    ResponseEntity<String> notFound(ProcedureNotFoundException e) { return text(HttpStatus.NOT_FOUND, e.getMessage()); }

    @ExceptionHandler(VersionConflictException.class)
    ResponseEntity<String> conflict(VersionConflictException e) { return text(HttpStatus.CONFLICT, e.getMessage()); }

    @ExceptionHandler(ProcedureController.PreconditionRequiredException.class)
    ResponseEntity<String> noVersion(RuntimeException e) { return text(HttpStatus.PRECONDITION_REQUIRED, e.getMessage()); }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}
