package org.fluorovault.evidence;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 answers ({@code application/problem+json} with title, status and detail) of this package's endpoints. */
final class Problems {
    private Problems() {}

    static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
