package org.fluorovault.dicom.net.ul;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an association negotiated, read once from its A-ASSOCIATE-RQ and -AC: each proposed
 * context with its result (a proposal the AC does not answer counts as result 2, no reason), the
 * role selections the acceptor granted, the peer's user information and the async window.
 */
final class Negotiation {

    private final AAssociateRq rq;
    private final AAssociateAc ac;
    private final boolean requestor;
    private final Map<Integer, PresentationContext> contexts;
    private final Map<String, RoleSelection> roles;

    Negotiation(AAssociateRq rq, AAssociateAc ac, boolean requestor) {
        this.rq = rq;
        this.ac = ac;
        this.requestor = requestor;
        Map<Integer, PresentationContextAc> answers = new HashMap<>();
        for (PresentationContextAc pc : ac.presentationContexts()) {
            answers.putIfAbsent(pc.id(), pc);
        }
        Map<Integer, PresentationContext> pcs = new LinkedHashMap<>();
        for (PresentationContextRq p : rq.presentationContexts()) {
            PresentationContextAc a = answers.get(p.id());
            pcs.putIfAbsent(
                    p.id(),
                    a == null
                            ? new PresentationContext(p.id(), p.abstractSyntax(), null, PresentationContextAc.NO_REASON)
                            : new PresentationContext(p.id(), p.abstractSyntax(), a.transferSyntax(), a.result()));
        }
        this.contexts = Collections.unmodifiableMap(pcs);
        Map<String, RoleSelection> r = new HashMap<>();
        for (RoleSelection rs : ac.userInformation().roleSelections()) {
            r.putIfAbsent(rs.sopClassUid(), rs);
        }
        this.roles = Map.copyOf(r);
    }

    AAssociateRq rq() {
        return rq;
    }

    AAssociateAc ac() {
        return ac;
    }

    Map<Integer, PresentationContext> contexts() {
        return contexts;
    }

    Map<String, RoleSelection> roles() {
        return roles;
    }

    UserInformation peerUserInformation() {
        return requestor ? ac.userInformation() : rq.userInformation();
    }

    AsyncOpsWindow asyncOpsWindow() {
        AsyncOpsWindow w = ac.userInformation().asyncOpsWindow();
        return w == null ? AsyncOpsWindow.SYNCHRONOUS : w;
    }
}
