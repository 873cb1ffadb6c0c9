package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * After a split or a merge, a shard's children are sent to the function only once every record of the
 * shard is done, so each partition key's records stay in order across the reshard.
 */
class ReshardTest extends TriggerTestSupport {
    private static final String PARENT = "shardId-000000000000";
    private static final String MIDDLE = "170141183460469231731687303715884105728";

    /** The shard of every record delivered, in delivery order. */
    private static List<String> shardsInDeliveryOrder(final RecordingHandler handler) {
        final List<String> shards = new ArrayList<>();
        for (final KinesisEvent event : handler.events) {
            for (final KinesisEvent.KinesisEventRecord record : event.getRecords()) {
                shards.add(record.getEventID().substring(0, record.getEventID().indexOf(':')));
            }
        }
        return shards;
    }

    private void putKeys(final String prefix, final int count) {
        for (int i = 0; i < count; i++) {
            put("s", "key-" + i, prefix + i);
        }
    }

    @Test
    void shouldSendAShardsChildrenOnlyAfterEveryRecordOfTheShardIsDone() {
        openBroker().createStream("s", 1);
        putKeys("parent-", 6);
        final RecordingHandler handler = RecordingHandler.failingOn("parent-0");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(3)
            .build(), handler);
        drive(mapping);
        broker.splitShard("s", PARENT, MIDDLE);
        putKeys("child-", 6);

        runFor(10_000, mapping);

        final List<String> shards = shardsInDeliveryOrder(handler);
        final Set<String> order = new LinkedHashSet<>(shards);
        assertThat(order).as("the parent, then its two children").containsExactly(PARENT,
            "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.lastIndexOf(PARENT)).isLessThan(shards.indexOf("shardId-000000000001"))
            .isLessThan(shards.indexOf("shardId-000000000002"));
        assertThat(handler.delivered()).filteredOn(data -> data.startsWith("child-")).hasSize(6);
        assertThat(handler.batches).filteredOn(batch -> batch.contains("parent-0")).as("the parent's retries")
            .hasSize(4);
        assertThat(mapping.leases()).filteredOn(lease -> lease.leaseKey().equals(PARENT))
            .allMatch(lease -> lease.isShardEnded());
    }

    @Test
    void shouldSendAMergedShardOnlyAfterBothParents() {
        openBroker().createStream("s", 2);
        putKeys("parent-", 8);
        final RecordingHandler handler = RecordingHandler.failingOn("parent-1");
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(2)
            .batchSize(1).build(), handler);
        drive(mapping);
        broker.mergeShards("s", "shardId-000000000000", "shardId-000000000001");
        putKeys("child-", 4);

        runFor(10_000, mapping);

        final List<String> shards = shardsInDeliveryOrder(handler);
        final int firstChild = shards.indexOf("shardId-000000000002");
        assertThat(firstChild).isPositive();
        assertThat(shards.subList(0, firstChild)).doesNotContain("shardId-000000000002")
            .contains("shardId-000000000000", "shardId-000000000001");
        assertThat(shards.subList(firstChild, shards.size())).containsOnly("shardId-000000000002").hasSize(4);
    }

    @Test
    void shouldCloseATumblingWindowWhenItsShardEndsAndStartTheChildrenWithAFreshState() {
        openBroker().createStream("s", 1);
        put("s", "k", "parent");
        final TumblingWindowTest.CountingFunction function = new TumblingWindowTest.CountingFunction();
        final EventSourceMapping mapping = create(config(EventSourcePosition.TRIM_HORIZON).tumblingWindowInSeconds(300)
            .build(), function);
        drive(mapping);
        broker.splitShard("s", PARENT, MIDDLE);
        put("s", "k", "child");

        runFor(10_000, mapping);

        assertThat(function.invocations).extracting(TumblingWindowTest.Invocation::shardId,
                TumblingWindowTest.Invocation::data, TumblingWindowTest.Invocation::isFinal)
            .startsWith(tuple(PARENT, List.of("parent"), false),
                tuple(PARENT, List.of(), true));
        final TumblingWindowTest.Invocation child = function.invocations.get(2);
        assertThat(child.data()).containsExactly("child");
        assertThat(child.state()).isEmpty();
        assertThat(child.start()).as("the same window of time, in a new shard")
            .isEqualTo(function.invocations.get(0).start());
    }
}
