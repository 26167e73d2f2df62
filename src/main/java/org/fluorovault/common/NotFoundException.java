package org.fluorovault.common;

/** Something the request names does not exist: answered 404 by {@link ApiErrors}. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
