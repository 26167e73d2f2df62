package org.fluorovault.dicom.net.ul;

/**
 * Presentation context item of an A-ASSOCIATE-AC (item 21h, PS3.8 9.3.3.2).
 *
 * @param id             the presentation context ID of the proposal it answers
 * @param result         0 acceptance, 1 user-rejection, 2 no-reason (provider rejection),
 *                       3 abstract-syntax-not-supported, 4 transfer-syntaxes-not-supported
 * @param transferSyntax the chosen transfer syntax; not significant unless accepted, and may be
 *                       null for a rejected context that carried no transfer syntax sub-item
 */
public record PresentationContextAc(int id, int result, String transferSyntax) {

    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public PresentationContextAc {
        PduEncoder.checkByte(id, "presentation context id");
        PduEncoder.checkByte(result, "result");
        if (result == ACCEPTANCE && transferSyntax == null) {
            throw new IllegalArgumentException("an accepted presentation context needs a transfer syntax");
        }
    }

    public boolean accepted() {
        return result == ACCEPTANCE;
    }
}
