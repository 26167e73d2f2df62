package org.fluorovault.procedure;

/** The input cannot become a procedure record; the message says what is wrong. Nothing was stored. */
public class InvalidProcedureException extends RuntimeException {
    public InvalidProcedureException(String message) { super(message); }
}
