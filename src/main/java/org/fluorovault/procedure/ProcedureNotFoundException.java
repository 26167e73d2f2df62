package org.fluorovault.procedure;

public class ProcedureNotFoundException extends RuntimeException {
    public ProcedureNotFoundException(long id) { super("no procedure " + id); }
}
