package io.embeddedkinesis.benchmarks.server;

import io.embeddedkinesis.benchmarks.baseline.CannedKinesisEndpoint;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * How much of a {@code PutRecord} call is the client's own work: the CPU time the calling thread spends per
 * call to the {@link CannedKinesisEndpoint}, which does nothing, next to the call's p50. The endpoint
 * benchmarks' client ({@link KinesisClients}) and record size; one round of warm-up calls, then eight rounds.
 *
 * <p>It answers why the {@code PutRecord} p50 target (a fifth of kinesalite's) is out of any server's reach
 * on a given machine: when the client alone burns more CPU per call than the target allows for the whole
 * call, no server can meet it. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.embeddedkinesis.benchmarks.server.ClientCpuProbe [cbor]}.
 */
public final class ClientCpuProbe {
    private static final int WARM_UP_CALLS = 200_000;
    private static final int ROUNDS = 8;
    private static final int CALLS_PER_ROUND = 20_000;
    private static final int KEYS = 10_000;
    private static final int DATA_SIZE_BYTES = 100;

    private ClientCpuProbe() {
    }

    /**
     * Measures and prints one line per round.
     *
     * @param args {@code cbor} for the SDK's default encoding; JSON otherwise.
     */
    public static void main(final String[] args) {
        final boolean cbor = args.length > 0 && "cbor".equals(args[0]);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final PutRecordRequest[] requests = new PutRecordRequest[KEYS];
        final SdkBytes data = SdkBytes.fromByteArray(new byte[DATA_SIZE_BYTES]);
        for (int i = 0; i < KEYS; i++) {
            requests[i] = PutRecordRequest.builder().streamName(EndpointFixture.STREAM_NAME)
                .partitionKey("user-" + i).data(data).build();
        }
        try (CannedKinesisEndpoint endpoint = CannedKinesisEndpoint.start(1, 1, DATA_SIZE_BYTES);
             KinesisClient client = KinesisClients.open(endpoint.endpoint(), cbor)) {
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                client.putRecord(requests[i % KEYS]);
            }
            final long[] callNs = new long[CALLS_PER_ROUND];
            for (int round = 1; round <= ROUNDS; round++) {
                final long cpuStart = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < CALLS_PER_ROUND; i++) {
                    final long start = System.nanoTime();
                    client.putRecord(requests[i % KEYS]);
                    callNs[i] = System.nanoTime() - start;
                }
                final long cpuNs = threads.getCurrentThreadCpuTime() - cpuStart;
                Arrays.sort(callNs);
                System.out.printf("round %d (%s): p50 %.1f µs a call, client thread CPU %.1f µs a call%n", round,
                    cbor ? "cbor" : "json", callNs[CALLS_PER_ROUND / 2] / 1e3, cpuNs / 1e3 / CALLS_PER_ROUND);
            }
        }
    }
}
