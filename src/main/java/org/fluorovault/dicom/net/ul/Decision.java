package org.fluorovault.dicom.net.ul;

import java.util.List;
import java.util.Objects;

/** What an {@link AssociationPolicy} answers to an A-ASSOCIATE-RQ. */
public sealed interface Decision permits Decision.Accept, Decision.Reject {

    /**
     * Accept the association.
     *
     * @param presentationContexts one answer per proposed context; any proposal left unanswered is
     *                             rejected with result 2 (no reason)
     * @param roleSelections       answers to the proposed SCP/SCU role selections
     * @param asyncOpsWindow       answer to a proposed asynchronous operations window, or null
     */
    record Accept(
            List<PresentationContextAc> presentationContexts,
            List<RoleSelection> roleSelections,
            AsyncOpsWindow asyncOpsWindow)
            implements Decision {
        public Accept {
            presentationContexts = List.copyOf(presentationContexts);
            roleSelections = List.copyOf(roleSelections);
        }
    }

    /** Reject the association with an A-ASSOCIATE-RJ. */
    record Reject(RejectReason reason) implements Decision {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Decision reject(RejectReason reason) {
        return new Reject(reason);
    }

    static Decision accept(List<PresentationContextAc> contexts, List<RoleSelection> roles, AsyncOpsWindow window) {
        return new Accept(contexts, roles, window);
    }
}
