package org.fluorovault.procedure;

import org.fluorovault.common.InvalidRequestException;

/** The input cannot become a procedure record; the message says what is wrong. Nothing was stored. */
public class InvalidProcedureException extends InvalidRequestException {
    public InvalidProcedureException(String message) {
        super(message);
    }
}
