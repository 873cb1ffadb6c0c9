package io.embeddedkinesis.core;

import io.embeddedkinesis.core.model.CreateStreamRequest;
import io.embeddedkinesis.core.model.GetRecordsResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast a subscription pushes: never more events than its subscriber asked for, records read from the log
 * only then, and each consumer at its own read rate per shard, shared with no other reader.
 */
@Timeout(60)
class SubscriptionFlowControlTest extends FanOutTestSupport {
    /** A read rate a few records exhaust: 1,000 bytes a second per shard. */
    private static final ShardLimits SLOW_READS = new ShardLimits(ShardLimits.UNLIMITED, ShardLimits.UNLIMITED, 1_000,
        ShardLimits.UNLIMITED);

    @Test
    void shouldPushNothingUntilAskedAndThenWhatArrivedMeanwhileInOneEvent() throws InterruptedException {
        open().createStream("s", 1);
        final RecordingSubscriber slow = subscribe(register("s", "slow"), SHARD_0, StartingPosition.latest(), 0);
        putRecords("s", 100, 10);

        awaitDispatcherPass();
        final List<SubscribeToShardEvent> unasked = slow.drain();
        slow.request(1);
        final SubscribeToShardEvent first = slow.nextEvent();
        putRecords("s", 100, 10);
        awaitDispatcherPass();
        final List<SubscribeToShardEvent> beyondDemand = slow.drain();
        slow.request(1);

        assertThat(unasked).isEmpty();
        assertThat(first.records()).hasSize(100);
        assertThat(beyondDemand).isEmpty();
        assertThat(slow.nextEvent().records()).hasSize(100);
        assertThat(slow.violations()).isEmpty();
    }

    @Test
    void shouldReadAtMostTenThousandRecordsAnEventWhateverIsWaiting() throws InterruptedException {
        open(b -> b.shardLimits(ShardLimits.NONE)).createStream("s", 1);
        final RecordingSubscriber slow = subscribe(register("s", "slow"), SHARD_0, StartingPosition.trimHorizon(), 0);
        putRecords("s", 25_000, 1);

        slow.request(1);
        final SubscribeToShardEvent first = slow.nextEvent();
        slow.request(2);
        final SubscribeToShardEvent second = slow.nextEvent();
        final SubscribeToShardEvent third = slow.nextEvent();

        assertThat(first.records()).hasSize(10_000);
        assertThat(second.records()).hasSize(10_000);
        assertThat(third.records()).hasSize(5_000);
        assertThat(third.millisBehindLatest()).isZero();
        assertThat(slow.violations()).isEmpty();
    }

    @Test
    void shouldKeepPushingToOtherSubscriptionsOfTheShardWhileOneWaits() throws InterruptedException {
        open().createStream("s", 1);
        final RecordingSubscriber waiting = subscribe(register("s", "waiting"), SHARD_0, StartingPosition.latest(), 0);
        final RecordingSubscriber eager = subscribe(register("s", "eager"), SHARD_0, StartingPosition.latest(),
            Long.MAX_VALUE);

        putRecords("s", 3, 10);

        assertThat(eager.records(3)).hasSize(3);
        assertThat(waiting.drain()).isEmpty();
    }

    @Test
    void shouldReadEachShardAtTheConsumersOwnRateSharedWithNoOtherReader() throws InterruptedException {
        open().createStream(CreateStreamRequest.of("s", 1).withShardLimits(SLOW_READS));
        // 30 records of 101 bytes (a 1-byte key and 100 bytes of data): 3,030 bytes, three seconds' worth.
        putRecords("s", 30, 100);
        final RecordingSubscriber first = subscribe(register("s", "first"), SHARD_0, StartingPosition.trimHorizon(),
            Long.MAX_VALUE);
        final RecordingSubscriber second = subscribe(register("s", "second"), SHARD_0,
            StartingPosition.trimHorizon(), Long.MAX_VALUE);

        // An event holds a second's worth (9 records); the next one is let through while the budget is not
        // in debt (91 bytes left), and leaves it 818 bytes in debt.
        final List<Record> firstRecords = first.records(18);
        final List<Record> secondRecords = second.records(18);
        awaitDispatcherPass();
        final int firstBeforeRefill = firstRecords.size() + records(first.drain());
        final GetRecordsResult polled = broker.getRecords(
            broker.getShardIterator("s", SHARD_0, ShardIteratorType.TRIM_HORIZON));
        clock.advance(1_000);
        firstRecords.addAll(first.records(9));
        clock.advance(1_000);
        firstRecords.addAll(first.records(3));

        assertThat(secondRecords).hasSize(18);
        assertThat(firstBeforeRefill).isEqualTo(18);
        assertThat(polled.records()).hasSize(30);
        assertThat(firstRecords).extracting(BrokerTestSupport::text).containsExactlyElementsOf(numbered(30));
    }

    private void putRecords(final String stream, final int count, final int dataBytes) {
        final List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String text = String.format("%0" + dataBytes + "d", i);
            batch.add(PutRecordsRequestEntry.of("k", bytes(text)));
            if (batch.size() == 500 || i == count - 1) {
                assertThat(broker.putRecords(stream, batch).failedRecordCount()).isZero();
                batch.clear();
            }
        }
    }

    private static List<String> numbered(final int count) {
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(String.format("%0100d", i));
        }
        return texts;
    }

    private static int records(final List<SubscribeToShardEvent> events) {
        return events.stream().mapToInt(event -> event.records().size()).sum();
    }
}
