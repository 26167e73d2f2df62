package org.fluorovault.common;

/** A value of the request is wrong (format, range, unknown code): answered 400 with what is wrong. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
