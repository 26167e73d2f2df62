package org.fluorovault.dicom.net.ul;

import java.util.List;
import java.util.Objects;

/**
 * Presentation context item of an A-ASSOCIATE-RQ (item 20h, PS3.8 9.3.2.2): one abstract syntax
 * (sub-item 30h) and the transfer syntaxes proposed for it (sub-items 40h), in preference order.
 */
public record PresentationContextRq(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContextRq {
        PduEncoder.checkByte(id, "presentation context id");
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    public PresentationContextRq(int id, String abstractSyntax, String... transferSyntaxes) {
        this(id, abstractSyntax, List.of(transferSyntaxes));
    }
}
