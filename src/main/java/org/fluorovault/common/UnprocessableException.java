package org.fluorovault.common;

/** The request is well formed but what it names cannot be processed (an object that cannot be decoded, no rule set): 422. */
public class UnprocessableException extends RuntimeException {
    public UnprocessableException(String message) {
        super(message);
    }
}
