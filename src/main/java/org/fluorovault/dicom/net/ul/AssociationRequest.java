package org.fluorovault.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a requestor proposes: the called AE title, presentation contexts, role selections, an
 * optional asynchronous operations window and further raw user information items. Our AE title,
 * maximum length and implementation identification come from {@link AssociationParams}.
 */
public record AssociationRequest(
        String calledAet,
        List<PresentationContextRq> presentationContexts,
        List<RoleSelection> roleSelections,
        AsyncOpsWindow asyncOpsWindow,
        List<UserItem> userItems) {

    public AssociationRequest {
        Objects.requireNonNull(calledAet, "calledAet");
        if (calledAet.isBlank() || calledAet.length() > 16) {
            throw new IllegalArgumentException("called AE title must have 1 to 16 characters: '" + calledAet + "'");
        }
        presentationContexts = List.copyOf(presentationContexts);
        roleSelections = List.copyOf(roleSelections);
        userItems = List.copyOf(userItems);
    }

    public static AssociationRequest to(String calledAet) {
        return new AssociationRequest(calledAet, List.of(), List.of(), null, List.of());
    }

    /** Adds a presentation context with the next free odd ID (1, 3, 5...). */
    public AssociationRequest withContext(String abstractSyntax, String... transferSyntaxes) {
        int id = 2 * presentationContexts.size() + 1;
        if (id > 255) {
            throw new IllegalStateException("at most 128 presentation contexts");
        }
        List<PresentationContextRq> pcs = new ArrayList<>(presentationContexts);
        pcs.add(new PresentationContextRq(id, abstractSyntax, List.of(transferSyntaxes)));
        return new AssociationRequest(calledAet, pcs, roleSelections, asyncOpsWindow, userItems);
    }

    public AssociationRequest withRole(String sopClassUid, boolean scu, boolean scp) {
        List<RoleSelection> roles = new ArrayList<>(roleSelections);
        roles.add(new RoleSelection(sopClassUid, scu, scp));
        return new AssociationRequest(calledAet, presentationContexts, roles, asyncOpsWindow, userItems);
    }

    public AssociationRequest withAsyncOpsWindow(int maxOpsInvoked, int maxOpsPerformed) {
        return new AssociationRequest(
                calledAet,
                presentationContexts,
                roleSelections,
                new AsyncOpsWindow(maxOpsInvoked, maxOpsPerformed),
                userItems);
    }

    public AssociationRequest withUserItem(UserItem item) {
        List<UserItem> items = new ArrayList<>(userItems);
        items.add(item);
        return new AssociationRequest(calledAet, presentationContexts, roleSelections, asyncOpsWindow, items);
    }

    /** The A-ASSOCIATE-RQ PDU for these proposals sent with {@code params}. */
    public AAssociateRq toPdu(AssociationParams params) {
        return new AAssociateRq(
                1,
                calledAet,
                params.aeTitle(),
                AAssociateRq.DICOM_APPLICATION_CONTEXT,
                presentationContexts,
                params.userInformation(asyncOpsWindow, roleSelections, userItems));
    }
}
