package io.embeddedkinesis.core.trigger;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor a driven mapping runs invocations on: one it rejects is not an invocation, and one that
 * finished before the mapping stops is checkpointed.
 */
class InvocationExecutorTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    private static final long REJECTED_RETRY_DELAY_MS = 100;

    /** Holds invocations until the test runs them, and rejects them while told to. */
    private static final class HeldInvocations implements Executor {
        final ArrayDeque<Runnable> held = new ArrayDeque<>();
        int rejected;
        boolean rejecting;

        @Override
        public void execute(final Runnable invocation) {
            if (rejecting) {
                rejected++;
                throw new RejectedExecutionException("saturated");
            }
            held.addLast(invocation);
        }

        void runAll() {
            while (!held.isEmpty()) {
                held.pollFirst().run();
            }
        }
    }

    @Test
    void shouldOfferARejectedBatchAgainWithoutUsingARetryAttempt() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        final String last = put("s", "k", "r0").sequenceNumber();
        final HeldInvocations invocations = new HeldInvocations();
        invocations.rejecting = true;
        final RecordingHandler handler = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(0)
            .onFailureDestination("failures").invocationExecutor(invocations).build(), handler);

        runFor(1_000, mapping);
        assertThat(invocations.rejected).as("offered again every %d ms", REJECTED_RETRY_DELAY_MS)
            .isGreaterThan(2);
        invocations.rejecting = false;
        runFor(REJECTED_RETRY_DELAY_MS, mapping);
        invocations.runAll();
        drive(mapping);

        assertThat(handler.batches).containsExactly(List.of("r0"));
        assertThat(failureRecords("failures")).as("nothing discarded").isEmpty();
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(last);
        assertThat(errors).as("a run of rejections is reported once").singleElement()
            .satisfies(error -> assertThat(error).hasCauseInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("fn").hasMessageContaining(SHARD_0));
    }

    @Test
    void shouldCheckpointABatchThatFinishedAfterTheLastDutyCycleWhenTheMappingCloses() {
        openBroker().createStream("s", 1);
        final String last = put("s", "k", "r0").sequenceNumber();
        final HeldInvocations invocations = new HeldInvocations();
        final RecordingHandler before = new RecordingHandler();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON)
            .invocationExecutor(invocations).build(), before);
        drive(mapping);
        invocations.runAll();
        mapping.close();

        final RecordingHandler after = new RecordingHandler();
        final EventSourceMapping again = create(config(EventSourcePosition.TRIM_HORIZON).build(), after);
        runFor(1_000, again);

        assertThat(before.batches).containsExactly(List.of("r0"));
        assertThat(after.batches).as("not sent again").isEmpty();
        assertThat(checkpoint(again, SHARD_0)).isEqualTo(last);
        assertThat(errors).isEmpty();
    }
}
