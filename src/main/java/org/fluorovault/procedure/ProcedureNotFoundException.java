package org.fluorovault.procedure;

import org.fluorovault.common.NotFoundException;

/** No procedure record with this id. */
public class ProcedureNotFoundException extends NotFoundException {
    public ProcedureNotFoundException(long id) {
        super("no procedure " + id);
    }
}
