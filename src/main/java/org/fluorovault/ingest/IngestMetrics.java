package org.fluorovault.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.fluorovault.dicom.net.dimse.Status;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of the storage SCP, exposed at /actuator/prometheus (the association meters
 * are the node's, {@code node.NodeMetrics}).
 */
@Component
class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter objects, bytes;
    private final Timer latency;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        objects = Counter.builder("fluorovault.dicom.objects.stored").register(registry);
        bytes = Counter.builder("fluorovault.dicom.bytes.stored")
                .baseUnit("bytes")
                .register(registry);
        latency = Timer.builder("fluorovault.dicom.store.latency")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    void stored(long nanos) {
        objects.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void bytes(long n) {
        bytes.increment(n);
    }

    void failed(Status status) {
        registry.counter("fluorovault.dicom.store.failures", "status", String.format("%04X", status.code()))
                .increment();
    }
}
