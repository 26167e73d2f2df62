package org.fluorovault.procedure;

/** A new order names an accession number a record (not CANCELLED) already has. Nothing was stored. */
public class DuplicateAccessionException extends InvalidProcedureException {
    private final long existingId;

    public DuplicateAccessionException(String accessionNumber, long existingId) {
        super("accession number " + accessionNumber + " is already procedure " + existingId
                + "; a new order needs a new accession number");
        this.existingId = existingId;
    }

    /** The record that holds the accession number. */
    public long existingId() {
        return existingId;
    }
}
