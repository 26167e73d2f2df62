package org.fluorovault.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fluorovault.evidence.RuleSet;
import org.junit.jupiter.api.Test;

/** The copies of the vocabularies that must exist (versioned rule set data, a property default) agree with their source. */
class GuidanceImagingTest {
    @Test
    void theRuleSetUsesTheAuthoritativeLevelsAndGuidanceModalities() {
        RuleSet rules = RuleSet.loadDefault();
        assertEquals(GuidanceImaging.LUMBAR_SACRAL_LEVELS, rules.lumbarSacralLevels());
        assertEquals(GuidanceImaging.GUIDANCE_MODALITIES, rules.guidanceModalities());
    }

    @Test
    void theLinkersDefaultModalitiesAreTheGuidanceModalities() throws Exception {
        var defaults = org.fluorovault.linking.LinkerProperties.class
                .getDeclaredConstructor(int.class, List.class)
                .getParameters()[1]
                .getAnnotation(org.springframework.boot.context.properties.bind.DefaultValue.class);
        assertEquals(GuidanceImaging.GUIDANCE_MODALITIES, List.of(defaults.value()));
    }

    @Test
    void theLevelsAreTheInterlaminarSpacesAndTheSacralHiatus() {
        assertEquals(
                List.of("L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1", "CAUDAL"), GuidanceImaging.LUMBAR_SACRAL_LEVELS);
    }
}
