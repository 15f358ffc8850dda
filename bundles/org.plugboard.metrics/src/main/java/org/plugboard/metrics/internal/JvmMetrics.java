package org.plugboard.metrics.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.plugboard.api.metrics.MetricSink;
import org.plugboard.api.metrics.MetricSource;

/** The JVM's memory, threads, garbage collections and uptime, from its management beans (no I/O). */
@Component(service = MetricSource.class, property = "service.pid=org.plugboard.metrics.jvm")
public class JvmMetrics implements MetricSource {
    @Override
    public void collect(MetricSink sink) {
        memory(sink, "heap", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage());
        memory(sink, "nonheap", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        sink.gauge("jvm_threads_current", "Live threads", Map.of(), threads.getThreadCount());
        sink.gauge("jvm_threads_daemon", "Live daemon threads", Map.of(), threads.getDaemonThreadCount());
        sink.gauge("jvm_threads_peak", "Most live threads since the JVM started", Map.of(), threads.getPeakThreadCount());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            Map<String, String> l = Map.of("gc", gc.getName());
            sink.counter("jvm_gc_collections_total", "Garbage collections by collector", l, Math.max(0, gc.getCollectionCount()));
            sink.counter("jvm_gc_collection_seconds_total", "Time spent in garbage collections by collector", l,
                    Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
        sink.gauge("process_uptime_seconds", "Seconds since the JVM started", Map.of(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        sink.gauge("jvm_available_processors", "Processors available to the JVM", Map.of(),
                Runtime.getRuntime().availableProcessors());
    }

    private static void memory(MetricSink sink, String area, MemoryUsage u) {
        Map<String, String> l = Map.of("area", area);
        sink.gauge("jvm_memory_used_bytes", "Memory in use by area", l, u.getUsed());
        sink.gauge("jvm_memory_committed_bytes", "Memory committed by area", l, u.getCommitted());
        if (u.getMax() >= 0) {
            sink.gauge("jvm_memory_max_bytes", "Largest memory the area may use", l, u.getMax());
        }
    }
}
