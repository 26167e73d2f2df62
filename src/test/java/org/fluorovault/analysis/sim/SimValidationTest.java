package org.fluorovault.analysis.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fluorovault.analysis.ContrastAnalysis.Pattern;
import org.fluorovault.analysis.ContrastAnalysis.Polarity;
import org.fluorovault.analysis.ContrastAnalysis.PolaritySource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A quick subset of the second phantom family (held-out seed 1001 of each encoding): the harmful
 * answer of issue 11 must not come back. Synthetic data. The full table is {@link SimValidation}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimValidationTest {
    private List<SimValidation.Outcome> outcomes;

    @BeforeAll
    void analyse() throws Exception {
        outcomes = SimValidation.run(1001, 1);
    }

    @Test
    void noRunWithContrastIsAnsweredNoneWithConfidenceAboveHalf() {
        for (SimValidation.Outcome o : outcomes) assertTrue(!o.harmfulNone(), o.toString());
    }

    @Test
    void linAndLogRunsTakeTheirPolarityFromTheAttributes() {
        for (SimValidation.Outcome o : outcomes) {
            if (o.c().encoding() != SimCase.Encoding.LIN && o.c().encoding() != SimCase.Encoding.LOG) continue;
            assertEquals(Polarity.LOW_IS_ATTENUATION, o.a().polarity(), o.toString());
            assertEquals(PolaritySource.ATTRIBUTES, o.a().polaritySource(), o.toString());
        }
    }

    @Test
    void anIndeterminateAnswerHasALowConfidenceAndSaysWhy() {
        for (SimValidation.Outcome o : outcomes) {
            if (o.a().suggestedPattern() != Pattern.INDETERMINATE) continue;
            assertTrue(o.a().confidence() < 0.5, o.toString());
            assertTrue(
                    o.a().reasons().stream()
                            .anyMatch(r -> r.contains("needs human judgement") || r.contains("fits neither")),
                    o.a().reasons().toString());
        }
    }
}
