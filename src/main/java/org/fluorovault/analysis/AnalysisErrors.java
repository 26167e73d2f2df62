package org.fluorovault.analysis;

import org.fluorovault.dicom.image.FrameDecodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Plain-text answers that say why for the image and analysis endpoints: 404 unknown instance,
 * 400 bad frame number or window, 422 for objects that are archived but cannot be decoded
 * (unsupported transfer syntax or pixel format, inconsistent or damaged pixel data).
 */
@RestControllerAdvice(assignableTypes = {ImageController.class, AnalysisController.class})
class AnalysisErrors {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisErrors.class);

    @ExceptionHandler(InstanceNotFoundException.class)
    ResponseEntity<String> notFound(InstanceNotFoundException e) {
        return text(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> badRequest(IllegalArgumentException e) {
        return text(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(FrameDecodeException.class)
    ResponseEntity<String> cannotDecode(FrameDecodeException e) {
        HttpStatus status = switch (e.reason()) {
            case FRAME_OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
            case UNSUPPORTED_TRANSFER_SYNTAX, UNSUPPORTED_PIXEL_FORMAT, INCONSISTENT_PIXEL_DATA, CORRUPT_PIXEL_DATA ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
        };
        if (e.reason() == FrameDecodeException.Reason.CORRUPT_PIXEL_DATA) LOG.warn("cannot decode: {}", e.getMessage());
        return text(status, e.reason() + ": " + e.getMessage());
    }

    @ExceptionHandler(AnalysisService.NotAnalysableException.class)
    ResponseEntity<String> notAnalysable(AnalysisService.NotAnalysableException e) {
        return text(HttpStatus.UNPROCESSABLE_CONTENT, e.reason() + ": " + e.getMessage());
    }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }
}
