package io.embeddedkinesis.server;

import software.amazon.awssdk.http.Http2Metric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Counts the API calls the SDK made over HTTP/2, as the SDK itself reports them: its Netty client adds the
 * stream flow-control windows to a call's metrics only when the call went out on an HTTP/2 stream.
 */
final class Http2StreamMetrics implements MetricPublisher {
    private final Queue<MetricCollection> calls = new ConcurrentLinkedQueue<>();

    @Override
    public void publish(final MetricCollection call) {
        calls.add(call);
    }

    @Override
    public void close() {
        // Nothing to release: the collections are only held for the test to read.
    }

    int callsPublished() {
        return calls.size();
    }

    long callsOverHttp2() {
        return calls.stream().filter(Http2StreamMetrics::wentOverHttp2).count();
    }

    private static boolean wentOverHttp2(final MetricCollection call) {
        final Deque<MetricCollection> pending = new ArrayDeque<>();
        pending.push(call);
        while (!pending.isEmpty()) {
            final MetricCollection collection = pending.pop();
            if (!collection.metricValues(Http2Metric.REMOTE_STREAM_WINDOW_SIZE_IN_BYTES).isEmpty()) {
                return true;
            }
            collection.children().forEach(pending::push);
        }
        return false;
    }
}
