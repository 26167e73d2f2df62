package org.fluorovault.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fluorovault.procedure.WorklistStatus;
import org.fluorovault.review.Vocabulary;
import org.fluorovault.security.Page;
import org.fluorovault.security.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/vocabulary} (any signed-in role): the lists the pages need and must not copy,
 * served from their one source: the annotation choices ({@link Vocabulary}), the worklist statuses
 * in the order a procedure goes ({@link WorklistStatus}) and the pages with the roles that may open
 * them ({@link Page}, the table the server's URL rules are built from).
 */
@RestController
class VocabularyController {
    /** A page as the menu needs it; {@code key} names the page for the scripts ("audit-log"). */
    record PageEntry(String key, String path, String title, boolean menu, List<Role> roles) {}

    record Vocabularies(
            Map<String, List<String>> annotationChoices,
            List<WorklistStatus> worklistStatusOrder,
            List<PageEntry> pages) {}

    private static final Vocabularies VOCABULARIES = new Vocabularies(
            Vocabulary.choices(),
            List.of(WorklistStatus.values()),
            Arrays.stream(Page.values())
                    .map(p -> new PageEntry(p.key(), p.path(), p.title(), p.menu(), p.roles()))
                    .toList());

    @GetMapping(value = "/api/vocabulary", produces = MediaType.APPLICATION_JSON_VALUE)
    Vocabularies vocabulary() {
        return VOCABULARIES;
    }
}
