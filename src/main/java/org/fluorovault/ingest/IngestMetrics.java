package org.fluorovault.ingest;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.fluorovault.dicom.net.dimse.Status;
import org.springframework.stereotype.Component;

/** Micrometer meters of the DICOM receiver, exposed at /actuator/prometheus. */
@Component
public class IngestMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter accepted, refused, objects, bytes;
    private final Timer latency;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("fluorovault.dicom.associations.open", open);
        accepted = Counter.builder("fluorovault.dicom.associations.accepted").register(registry);
        refused = Counter.builder("fluorovault.dicom.associations.refused").register(registry);
        objects = Counter.builder("fluorovault.dicom.objects.stored").register(registry);
        bytes = Counter.builder("fluorovault.dicom.bytes.stored").baseUnit("bytes").register(registry);
        latency = Timer.builder("fluorovault.dicom.store.latency").publishPercentiles(0.5, 0.95).register(registry);
    }

    public void associationOpened() { open.incrementAndGet(); accepted.increment(); }

    public void associationClosed() { open.decrementAndGet(); }

    public void associationRefused() { refused.increment(); }

    void stored(long nanos) {
        objects.increment();
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void bytes(long n) { bytes.increment(n); }

    void failed(Status status) {
        registry.counter("fluorovault.dicom.store.failures", "status", String.format("%04X", status.code())).increment();
    }
}
