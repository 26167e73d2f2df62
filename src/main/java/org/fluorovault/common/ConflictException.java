package org.fluorovault.common;

/** The request is valid but the current state forbids it (a stale version, a step not allowed): answered 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
