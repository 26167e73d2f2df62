package org.fluorovault.dicom.net.ul;

/**
 * A negotiated presentation context as the association exposes it: the proposed abstract syntax
 * with the acceptor's answer.
 *
 * @param result 0 accepted; 1-4 rejected, see {@link PresentationContextAc}
 */
public record PresentationContext(int id, String abstractSyntax, String transferSyntax, int result) {

    public boolean accepted() {
        return result == 0;
    }
}
