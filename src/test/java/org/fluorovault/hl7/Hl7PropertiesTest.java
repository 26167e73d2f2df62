package org.fluorovault.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** fluorovault.hl7.* binding: defaults, -1 turns the listener off, bad values stop the start. */
class Hl7PropertiesTest {
    @Configuration
    @EnableConfigurationProperties(Hl7Properties.class)
    static class Config {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaultsAndOff() {
        runner.run(ctx -> {
            Hl7Properties p = ctx.getBean(Hl7Properties.class);
            assertEquals(2575, p.port());
            assertEquals(8, p.maxConnections());
            assertEquals(Duration.ofSeconds(300), p.idleTimeout());
            assertTrue(p.enabled());
            // out of the box: any address and sender, and changes to SIGNED records held
            assertTrue(p.allowedAddresses().isEmpty());
            assertTrue(p.allowedSenders().isEmpty());
            assertEquals(Hl7Properties.SignedRecords.HOLD, p.signedRecords());
        });
        runner.withPropertyValues("fluorovault.hl7.allowed-addresses=", "fluorovault.hl7.allowed-senders=")
                .run(ctx -> {
                    assertTrue(
                            ctx.getBean(Hl7Properties.class).allowedAddresses().isEmpty());
                    assertTrue(ctx.getBean(Hl7Properties.class).allowedSenders().isEmpty());
                });
        runner.withPropertyValues(
                        "fluorovault.hl7.allowed-addresses=10.0.0.0/8, 192.168.1.7,fd00::/8",
                        "fluorovault.hl7.allowed-senders=RIS^SPINE_CTR,EPIC",
                        "fluorovault.hl7.signed-records=APPLY")
                .run(ctx -> {
                    Hl7Properties p = ctx.getBean(Hl7Properties.class);
                    assertEquals(java.util.List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"), p.allowedAddresses());
                    assertEquals(java.util.List.of("RIS^SPINE_CTR", "EPIC"), p.allowedSenders());
                    assertEquals(Hl7Properties.SignedRecords.APPLY, p.signedRecords());
                });
        runner.withPropertyValues("fluorovault.hl7.port=-1")
                .run(ctx -> assertFalse(ctx.getBean(Hl7Properties.class).enabled()));
    }

    @Test
    void invalidValuesAreRefused() {
        for (String bad : new String[] {
            "fluorovault.hl7.port=-2",
            "fluorovault.hl7.port=70000",
            "fluorovault.hl7.max-connections=0",
            "fluorovault.hl7.max-message-bytes=10",
            "fluorovault.hl7.bind-address= ",
            "fluorovault.hl7.allowed-addresses=ris.example.org",
            "fluorovault.hl7.allowed-addresses=10.0.0.0/33",
            "fluorovault.hl7.allowed-addresses=10.0.0/8",
            "fluorovault.hl7.allowed-senders=RIS^SITE^X",
            "fluorovault.hl7.signed-records=IGNORE"
        }) {
            runner.withPropertyValues(bad).run(ctx -> {
                assertNotNull(ctx.getStartupFailure(), bad + " must stop the start");
                assertTrue(
                        String.valueOf(ctx.getStartupFailure()).contains("fluorovault.hl7"),
                        String.valueOf(ctx.getStartupFailure()));
            });
        }
    }
}
