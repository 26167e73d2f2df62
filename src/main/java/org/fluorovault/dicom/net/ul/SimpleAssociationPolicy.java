package org.fluorovault.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * A ready policy: the called AE title must match, the calling AE title must be on the allow-list
 * unless the list is empty, the application context must be DICOM's, and each presentation
 * context is accepted with the first proposed transfer syntax (the proposer's order) that
 * {@code transferSyntaxAccepted} allows, else rejected with 3 (abstract syntax) or 4 (transfer
 * syntaxes). An association with no accepted context is rejected with
 * {@link RejectReason#NO_REASON}. Proposed role selections are granted as proposed for accepted
 * abstract syntaxes; a proposed asynchronous operations window is answered with 1/1.
 */
public final class SimpleAssociationPolicy implements AssociationPolicy {

    private final String calledAet;
    private final Set<String> callingAllowList;
    private final Predicate<String> abstractSyntaxAccepted;
    private final BiPredicate<String, String> transferSyntaxAccepted;

    /**
     * @param transferSyntaxAccepted (abstract syntax, transfer syntax) -> accepted; only asked for
     *                               abstract syntaxes that {@code abstractSyntaxAccepted} allows
     */
    public SimpleAssociationPolicy(
            String calledAet,
            Set<String> callingAllowList,
            Predicate<String> abstractSyntaxAccepted,
            BiPredicate<String, String> transferSyntaxAccepted) {
        this.calledAet = Objects.requireNonNull(calledAet, "calledAet");
        this.callingAllowList = Set.copyOf(callingAllowList);
        this.abstractSyntaxAccepted = Objects.requireNonNull(abstractSyntaxAccepted);
        this.transferSyntaxAccepted = Objects.requireNonNull(transferSyntaxAccepted);
    }

    /** A policy from a map abstract syntax -> accepted transfer syntaxes. */
    public static SimpleAssociationPolicy of(
            String calledAet, Set<String> callingAllowList, Map<String, Set<String>> syntaxes) {
        Map<String, Set<String>> copy = Map.copyOf(syntaxes);
        return new SimpleAssociationPolicy(
                calledAet,
                callingAllowList,
                copy::containsKey,
                (as, ts) -> copy.getOrDefault(as, Set.of()).contains(ts));
    }

    @Override
    public Decision decide(AAssociateRq rq, String remoteHost) {
        if (!calledAet.equals(rq.calledAet())) {
            return Decision.reject(RejectReason.CALLED_AE_NOT_RECOGNIZED);
        }
        if (!callingAllowList.isEmpty() && !callingAllowList.contains(rq.callingAet())) {
            return Decision.reject(RejectReason.CALLING_AE_NOT_RECOGNIZED);
        }
        if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            return Decision.reject(RejectReason.APPLICATION_CONTEXT_NOT_SUPPORTED);
        }
        List<PresentationContextAc> answers = new ArrayList<>();
        for (PresentationContextRq pc : rq.presentationContexts()) {
            answers.add(answer(pc));
        }
        if (answers.stream().noneMatch(PresentationContextAc::accepted)) {
            return Decision.reject(RejectReason.NO_REASON);
        }
        List<RoleSelection> roles = new ArrayList<>();
        for (RoleSelection proposed : rq.userInformation().roleSelections()) {
            if (abstractSyntaxAccepted.test(proposed.sopClassUid())) {
                roles.add(proposed);
            }
        }
        AsyncOpsWindow window = rq.userInformation().asyncOpsWindow() == null ? null : AsyncOpsWindow.SYNCHRONOUS;
        return Decision.accept(answers, roles, window);
    }

    private PresentationContextAc answer(PresentationContextRq pc) {
        String fallback =
                pc.transferSyntaxes().isEmpty() ? null : pc.transferSyntaxes().get(0);
        if (!abstractSyntaxAccepted.test(pc.abstractSyntax())) {
            return new PresentationContextAc(pc.id(), PresentationContextAc.ABSTRACT_SYNTAX_NOT_SUPPORTED, fallback);
        }
        for (String ts : pc.transferSyntaxes()) {
            if (transferSyntaxAccepted.test(pc.abstractSyntax(), ts)) {
                return new PresentationContextAc(pc.id(), PresentationContextAc.ACCEPTANCE, ts);
            }
        }
        return new PresentationContextAc(pc.id(), PresentationContextAc.TRANSFER_SYNTAXES_NOT_SUPPORTED, fallback);
    }
}
