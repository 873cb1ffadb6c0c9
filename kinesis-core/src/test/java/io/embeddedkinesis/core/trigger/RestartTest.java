package io.embeddedkinesis.core.trigger;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mapping re-created for the same function and stream, after a restart of the broker, resumes after the
 * last batch that finished: its checkpoints are the consumer application's, in the broker's directory.
 */
class RestartTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";

    private void restartBroker() {
        broker.close();
        openBroker();
    }

    @Test
    void shouldResumeAfterTheLastFinishedBatchWhenRecreatedAfterARestart() {
        openBroker().createStream("s", 1);
        put("s", "k", "r0");
        put("s", "k", "r1");
        final RecordingHandler first = new RecordingHandler();
        final EventSourceMapping before = create(config(EventSourcePosition.TRIM_HORIZON).build(), first);
        drive(before);
        before.close();
        restartBroker();
        put("s", "k", "r2");

        final RecordingHandler second = new RecordingHandler();
        final EventSourceMapping after = create(config(EventSourcePosition.TRIM_HORIZON).build(), second);
        runFor(1_000, after);

        assertThat(first.delivered()).containsExactly("r0", "r1");
        assertThat(second.delivered()).containsExactly("r2");
        assertThat(after.applicationName()).isEqualTo(before.applicationName()).startsWith("trigger-");
        assertThat(directory.resolve("applications").resolve(after.applicationName())).isDirectory();
    }

    @Test
    void shouldDeliverAgainABatchThatHadNotSucceededWhenTheMappingStopped() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final String last = put("s", "k", "b").sequenceNumber();
        final RecordingHandler failing = RecordingHandler.failingOn("a");
        final EventSourceMapping before = create(config(EventSourcePosition.TRIM_HORIZON).build(), failing);
        drive(before);
        before.close();
        restartBroker();

        final RecordingHandler second = new RecordingHandler();
        final EventSourceMapping after = create(config(EventSourcePosition.TRIM_HORIZON).build(), second);
        drive(after);

        assertThat(failing.batches).containsExactly(List.of("a", "b"));
        assertThat(second.batches).containsExactly(List.of("a", "b"));
        assertThat(checkpoint(after, SHARD_0)).isEqualTo(last);
    }

    @Test
    void shouldKeepTheCheckpointsOfMappingsOfDifferentFunctionsApart() {
        openBroker().createStream("s", 1);
        put("s", "k", "r0");
        final RecordingHandler first = new RecordingHandler();
        drive(create(config(EventSourcePosition.TRIM_HORIZON).build(), first));

        final RecordingHandler other = new RecordingHandler();
        drive(create(EventSourceMappingConfig.builder("other-fn", "s", EventSourcePosition.TRIM_HORIZON)
            .errorHandler(errors::add).build(), other));

        assertThat(first.delivered()).containsExactly("r0");
        assertThat(other.delivered()).containsExactly("r0");
        assertThat(errors).isEmpty();
    }
}
