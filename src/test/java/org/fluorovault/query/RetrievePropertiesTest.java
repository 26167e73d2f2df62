package org.fluorovault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

/** Move destinations are validated at start: a host, a real port, and no TLS yet. */
class RetrievePropertiesTest {
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    private Set<String> violations(RetrieveProperties.Destination d) {
        return validator.validate(new RetrieveProperties(Map.of("WS1", d), 100)).stream()
                .map(ConstraintViolation::getMessage).collect(Collectors.toSet());
    }

    @Test
    void aPlainDestinationIsValid() {
        assertEquals(Set.of(), violations(new RetrieveProperties.Destination("10.0.0.21", 104, false)));
    }

    @Test
    void tlsPortZeroAndBlankHostAreRefused() {
        assertEquals(Set.of("TLS move destinations are not supported yet"),
                violations(new RetrieveProperties.Destination("ws1", 104, true)));
        assertEquals(1, violations(new RetrieveProperties.Destination("ws1", 0, false)).size());
        assertEquals(1, violations(new RetrieveProperties.Destination(" ", 104, false)).size());
        assertTrue(validator.validate(new RetrieveProperties(Map.of(), 0)).size() == 1, "max-find-matches >= 1");
    }
}
