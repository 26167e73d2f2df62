package org.fluorovault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Move destinations are validated at start: a host and a real port; TLS ones need the node's TLS identity. */
class RetrievePropertiesTest {
    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    private Set<String> violations(RetrieveProperties.Destination d) {
        return validator.validate(new RetrieveProperties(Map.of("WS1", d), 100)).stream()
                .map(ConstraintViolation::getMessage)
                .collect(Collectors.toSet());
    }

    @Test
    void aTlsDestinationWithoutATlsIdentityIsAConfigurationError() {
        var noTls = new org.fluorovault.security.DicomTlsContext(new org.fluorovault.security.DicomTlsProperties(
                false,
                2762,
                null,
                null,
                "PKCS12",
                null,
                null,
                java.util.List.of("TLSv1.3"),
                java.util.List.of(),
                false));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class,
                () -> new QueryRetrieveScp(
                        null,
                        null,
                        new RetrieveProperties(
                                Map.of("WS1", new RetrieveProperties.Destination("ws1", 2762, true)), 100),
                        noTls,
                        null));
        assertTrue(e.getMessage().contains("WS1") && e.getMessage().contains("key-store"), e.getMessage());
    }

    @Test
    void aPlainDestinationIsValid() {
        assertEquals(Set.of(), violations(new RetrieveProperties.Destination("10.0.0.21", 104, false)));
    }

    @Test
    void portZeroAndBlankHostAreRefused() {
        assertEquals(Set.of(), violations(new RetrieveProperties.Destination("ws1", 2762, true)));
        assertEquals(
                1,
                violations(new RetrieveProperties.Destination("ws1", 0, false)).size());
        assertEquals(
                1,
                violations(new RetrieveProperties.Destination(" ", 104, false)).size());
        assertTrue(validator.validate(new RetrieveProperties(Map.of(), 0)).size() == 1, "max-find-matches >= 1");
    }
}
