package org.fluorovault.review;

/** An annotation or review request with a wrong or missing value; the message names the field. */
public class InvalidAnnotationException extends org.fluorovault.common.InvalidRequestException {
    private final String field;

    public InvalidAnnotationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
