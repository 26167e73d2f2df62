package org.fluorovault.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Micrometer meters of the node's associations (open, accepted, refused), exposed at /actuator/prometheus. */
@Component
class NodeMetrics {
    private final AtomicInteger open = new AtomicInteger();
    private final Counter accepted, refused;

    NodeMetrics(MeterRegistry registry) {
        registry.gauge("fluorovault.dicom.associations.open", open);
        accepted = Counter.builder("fluorovault.dicom.associations.accepted").register(registry);
        refused = Counter.builder("fluorovault.dicom.associations.refused").register(registry);
    }

    void associationOpened() {
        open.incrementAndGet();
        accepted.increment();
    }

    void associationClosed() {
        open.decrementAndGet();
    }

    void associationRefused() {
        refused.increment();
    }
}
