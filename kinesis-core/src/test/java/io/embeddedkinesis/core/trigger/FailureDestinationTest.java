package io.embeddedkinesis.core.trigger;

import io.embeddedkinesis.core.ShardLimits;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The on-failure stream not taking a record: a throttled put is put again and holds the checkpoint until it is
 * stored; a put that can never succeed is reported and dropped.
 */
class FailureDestinationTest extends TriggerTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    /** Two records a second per shard, so a test can fill a shard's second. */
    private static final ShardLimits TWO_RECORDS_A_SECOND = new ShardLimits(1024 * 1024, 2, ShardLimits.UNLIMITED,
        ShardLimits.UNLIMITED);

    private long reportsIn(final String stream) {
        return failureRecords(stream).stream().filter(record -> record.has("requestContext")).count();
    }

    @Test
    void shouldPutAThrottledOnFailureRecordAgainAndCheckpointOnlyOnceItIsStored() {
        openBroker(b -> b.shardLimits(TWO_RECORDS_A_SECOND)).createStream("s", 1);
        broker.createStream("failures", 1);
        final String poison = put("s", "k", "poison").sequenceNumber();
        put("failures", "filler", "{}");
        put("failures", "filler", "{}");
        final RecordingHandler handler = RecordingHandler.failingOn("poison");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(0)
            .onFailureDestination("failures").build(), handler);

        drive(mapping);
        assertThat(handler.batches).containsExactly(List.of("poison"));
        assertThat(reportsIn("failures")).as("the destination's shard is full this second").isZero();
        assertThat(checkpoint(mapping, SHARD_0)).as("not past records whose report is not stored")
            .isNotEqualTo(poison);
        runFor(1_000, mapping);

        assertThat(reportsIn("failures")).isEqualTo(1);
        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(poison);
        assertThat(handler.batches).as("discarded, so not invoked again").hasSize(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldReportAndDropAnOnFailureRecordWhoseDestinationIsGone() {
        openBroker().createStream("s", 1);
        broker.createStream("failures", 1);
        final String poison = put("s", "k", "poison").sequenceNumber();
        final RecordingHandler handler = RecordingHandler.failingOn("poison");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(0)
            .onFailureDestination("failures").build(), handler);
        broker.deleteStream("failures");

        runFor(1_000, mapping);

        assertThat(checkpoint(mapping, SHARD_0)).isEqualTo(poison);
        assertThat(errors).singleElement().satisfies(error -> assertThat(error)
            .hasCauseInstanceOf(ResourceNotFoundException.class).hasMessageContaining("failures"));
    }
}
