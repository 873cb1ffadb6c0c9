package io.embeddedkinesis.core;

import io.embeddedkinesis.core.exception.DryRunOperationException;
import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceInUseException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationException;
import io.embeddedkinesis.core.model.DeleteStreamRequest;
import io.embeddedkinesis.core.model.PutRecordResult;
import io.embeddedkinesis.core.model.Record;
import io.embeddedkinesis.core.model.ShardIteratorType;
import io.embeddedkinesis.core.model.StartingPosition;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.SubscribeToShardEvent;
import io.embeddedkinesis.core.model.SubscribeToShardRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SubscribeToShard: what a subscription pushes from each starting position, how it continues, how long it
 * lasts, how a second subscription is refused or takes over, and how it ends with its stream or consumer.
 */
@Timeout(60)
class SubscribeToShardTest extends FanOutTestSupport {
    @Test
    void shouldPushRecordsPutAfterSubscribingAtLatest() throws InterruptedException {
        open().createStream("s", 1);
        final RecordingSubscriber subscriber = subscribe(register("s", "reader"), SHARD_0, StartingPosition.latest(),
            Long.MAX_VALUE);

        final List<PutRecordResult> puts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            puts.add(broker.putRecord("s", "key-" + i, bytes("r" + i)));
        }
        final List<SubscribeToShardEvent> events = new ArrayList<>();
        final List<Record> records = new ArrayList<>();
        while (records.size() < 3) {
            final SubscribeToShardEvent event = subscriber.nextEventWithRecords();
            events.add(event);
            records.addAll(event.records());
        }

        assertThat(records).extracting(BrokerTestSupport::text).containsExactly("r0", "r1", "r2");
        assertThat(records).extracting(Record::partitionKey).containsExactly("key-0", "key-1", "key-2");
        assertThat(records).extracting(Record::sequenceNumber)
            .containsExactlyElementsOf(puts.stream().map(PutRecordResult::sequenceNumber).toList());
        final SubscribeToShardEvent last = events.get(events.size() - 1);
        assertThat(last.continuationSequenceNumber()).isEqualTo(puts.get(2).sequenceNumber());
        assertThat(last.millisBehindLatest()).isZero();
        assertThat(last.childShards()).isEmpty();
        assertThat(subscriber.violations()).isEmpty();
    }

    @Test
    void shouldStartAtEveryStartingPosition() throws InterruptedException {
        open().createStream("s", 1);
        final List<PutRecordResult> puts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            puts.add(broker.putRecord("s", "k", bytes("r" + i)));
            clock.advance(10);
        }
        final String third = puts.get(2).sequenceNumber();
        final Instant fourthArrival = Instant.ofEpochMilli(START_MS + 30);

        final RecordingSubscriber trimHorizon = subscribe(register("s", "a"), SHARD_0,
            StartingPosition.trimHorizon(), Long.MAX_VALUE);
        final RecordingSubscriber atSequence = subscribe(register("s", "b"), SHARD_0,
            StartingPosition.atSequenceNumber(third), Long.MAX_VALUE);
        final RecordingSubscriber afterSequence = subscribe(register("s", "c"), SHARD_0,
            StartingPosition.afterSequenceNumber(third), Long.MAX_VALUE);
        final RecordingSubscriber atTimestamp = subscribe(register("s", "d"), SHARD_0,
            StartingPosition.atTimestamp(fourthArrival), Long.MAX_VALUE);
        final RecordingSubscriber latest = subscribe(register("s", "e"), SHARD_0, StartingPosition.latest(),
            Long.MAX_VALUE);
        broker.putRecord("s", "k", bytes("r5"));

        assertThat(trimHorizon.records(6)).extracting(BrokerTestSupport::text)
            .containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(atSequence.records(4)).extracting(BrokerTestSupport::text).containsExactly("r2", "r3", "r4", "r5");
        assertThat(afterSequence.records(3)).extracting(BrokerTestSupport::text).containsExactly("r3", "r4", "r5");
        assertThat(atTimestamp.records(3)).extracting(BrokerTestSupport::text).containsExactly("r3", "r4", "r5");
        assertThat(latest.records(1)).extracting(BrokerTestSupport::text).containsExactly("r5");
    }

    @Test
    void shouldContinueAfterTheContinuationSequenceNumber() throws InterruptedException {
        open().createStream("s", 1);
        final String consumer = register("s", "reader");
        for (int i = 0; i < 3; i++) {
            broker.putRecord("s", "k", bytes("r" + i));
        }
        final RecordingSubscriber first = subscribe(consumer, SHARD_0, StartingPosition.trimHorizon(), 1);
        final SubscribeToShardEvent event = first.nextEventWithRecords();
        first.cancel();
        broker.putRecord("s", "k", bytes("r3"));
        clock.advance(5_000);

        final RecordingSubscriber second = subscribe(consumer, SHARD_0,
            StartingPosition.afterSequenceNumber(event.continuationSequenceNumber()), Long.MAX_VALUE);

        assertThat(event.records()).extracting(BrokerTestSupport::text).containsExactly("r0", "r1", "r2");
        assertThat(second.records(1)).extracting(BrokerTestSupport::text).containsExactly("r3");
    }

    @Test
    void shouldPushAnEventWithoutRecordsAfterFiveQuietSeconds() throws InterruptedException {
        open().createStream("s", 1);
        final String last = broker.putRecord("s", "k", bytes("r0")).sequenceNumber();
        final RecordingSubscriber subscriber = subscribe(register("s", "reader"), SHARD_0, StartingPosition.latest(),
            Long.MAX_VALUE);

        clock.advance(5_000);
        final SubscribeToShardEvent quiet = subscriber.nextEvent();

        assertThat(quiet.records()).isEmpty();
        assertThat(quiet.continuationSequenceNumber()).isEqualTo(last);
        assertThat(quiet.millisBehindLatest()).isZero();
    }

    @Test
    void shouldContinueAnEmptyShardFromItsStartingSequenceNumber() throws InterruptedException {
        open().createStream("s", 1);
        final String consumer = register("s", "reader");
        final String starting = broker.listShards("s").shards().get(0).sequenceNumberRange().startingSequenceNumber();
        final RecordingSubscriber first = subscribe(consumer, SHARD_0, StartingPosition.trimHorizon(), Long.MAX_VALUE);

        clock.advance(5_000);
        final SubscribeToShardEvent quiet = first.nextEvent();
        first.cancel();
        final String put = broker.putRecord("s", "k", bytes("r0")).sequenceNumber();
        clock.advance(5_000);
        final RecordingSubscriber second = subscribe(consumer, SHARD_0,
            StartingPosition.afterSequenceNumber(quiet.continuationSequenceNumber()), Long.MAX_VALUE);

        assertThat(quiet.records()).isEmpty();
        assertThat(quiet.continuationSequenceNumber()).isEqualTo(starting);
        assertThat(new BigInteger(quiet.continuationSequenceNumber())).isLessThan(new BigInteger(put));
        assertThat(second.records(1)).extracting(BrokerTestSupport::text).containsExactly("r0");
    }

    @Test
    void shouldCompleteWhenItsLifetimeEnds() throws InterruptedException {
        open().createStream("s", 1);
        final RecordingSubscriber subscriber = subscribe(register("s", "reader"), SHARD_0, StartingPosition.latest(),
            Long.MAX_VALUE);

        clock.advance(299_999);
        awaitDispatcherPass();
        final boolean endedEarly = subscriber.hasEnded();
        clock.advance(1);

        assertThat(endedEarly).isFalse();
        assertThat(subscriber.awaitEnd()).isTrue();
    }

    @Test
    void shouldRefuseASecondSubscriptionWithinFiveSecondsAndLetALaterOneTakeOver() throws InterruptedException {
        open().createStream("s", 1);
        final String consumer = register("s", "reader");
        final RecordingSubscriber first = subscribe(consumer, SHARD_0, StartingPosition.latest(), Long.MAX_VALUE);

        clock.advance(4_999);
        assertThatThrownBy(() -> broker.subscribeToShard(consumer, SHARD_0, StartingPosition.latest()))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Another active subscription exists for this consumer: " + ACCOUNT + ":s:" + SHARD_0
                + ":reader");
        clock.advance(1);
        final RecordingSubscriber second = subscribe(consumer, SHARD_0, StartingPosition.latest(), Long.MAX_VALUE);
        final boolean firstCompleted = first.awaitEnd();
        broker.putRecord("s", "k", bytes("after"));

        assertThat(firstCompleted).isTrue();
        assertThat(second.records(1)).extracting(BrokerTestSupport::text).containsExactly("after");
        assertThat(first.drain()).allSatisfy(event -> assertThat(event.records()).isEmpty());
    }

    @Test
    void shouldCheckADryRunAsASubscriptionWithoutSubscribing() throws InterruptedException {
        open().createStream("s", 1);
        final String consumer = register("s", "reader");
        final SubscribeToShardRequest dryRun =
            new SubscribeToShardRequest(consumer, SHARD_0, StartingPosition.trimHorizon());

        assertThatThrownBy(() -> broker.dryRunSubscribeToShard(dryRun))
            .isInstanceOf(DryRunOperationException.class)
            .hasMessage("Request would have succeeded, but DryRun flag is set.");
        assertThatThrownBy(() -> broker.dryRunSubscribeToShard(
            new SubscribeToShardRequest(consumer, "shardId-000000000009", StartingPosition.trimHorizon())))
            .isInstanceOf(ResourceNotFoundException.class);
        // Nothing was subscribed: a real subscription right after the dry runs is not refused as a second one.
        broker.putRecord("s", "k", bytes("first"));
        final RecordingSubscriber subscriber = subscribe(consumer, SHARD_0, StartingPosition.trimHorizon(), 1);
        assertThat(subscriber.records(1)).extracting(BrokerTestSupport::text).containsExactly("first");
        // And a dry run within 5 seconds of that subscription would be refused as the subscription would be.
        assertThatThrownBy(() -> broker.dryRunSubscribeToShard(dryRun))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessageStartingWith("Another active subscription exists for this consumer");
        clock.advance(5_000);
        assertThatThrownBy(() -> broker.dryRunSubscribeToShard(dryRun)).isInstanceOf(DryRunOperationException.class);
        awaitDispatcherPass();
        assertThat(subscriber.hasEnded()).as("a dry run does not take the subscription over").isFalse();
    }

    @Test
    void shouldCompleteEverySubscriptionWhenTheBrokerCloses() throws InterruptedException {
        open().createStream("s", 2);
        final String reader = register("s", "reader");

        final RecordingSubscriber shard0 = subscribe(reader, SHARD_0, StartingPosition.trimHorizon(), 1);
        final RecordingSubscriber shard1 = subscribe(reader, "shardId-000000000001", StartingPosition.trimHorizon(), 1);
        final RecordingSubscriber other = subscribe(register("s", "other"), SHARD_0, StartingPosition.trimHorizon(), 1);
        broker.close();

        assertThat(shard0.awaitEnd()).isTrue();
        assertThat(shard1.awaitEnd()).isTrue();
        assertThat(other.awaitEnd()).isTrue();
    }

    @Test
    void shouldHandOverToTheChildShardsAtTheEndOfAClosedShard() throws InterruptedException {
        open().createStream("s", 1);
        broker.putRecord("s", "k", bytes("before"));
        final RecordingSubscriber subscriber = subscribe(register("s", "reader"), SHARD_0,
            StartingPosition.trimHorizon(), Long.MAX_VALUE);
        assertThat(subscriber.records(1)).extracting(BrokerTestSupport::text).containsExactly("before");

        broker.splitShard("s", SHARD_0, "170141183460469231731687303715884105728");
        final SubscribeToShardEvent last = subscriber.nextEventWithRecords();

        assertThat(last.records()).isEmpty();
        assertThat(last.continuationSequenceNumber()).isNull();
        assertThat(last.childShards()).extracting(child -> child.shardId())
            .containsExactly("shardId-000000000001", "shardId-000000000002");
        assertThat(last.childShards()).allSatisfy(child -> assertThat(child.parentShards()).containsExactly(SHARD_0));
        assertThat(subscriber.awaitEnd()).isTrue();
    }

    @Test
    void shouldEndASubscriptionToAClosedShardWithItsChildrenAfterItsLastRecords() throws InterruptedException {
        open().createStream("s", 1);
        broker.putRecord("s", "k", bytes("r0"));
        broker.splitShard("s", SHARD_0, "170141183460469231731687303715884105728");

        final RecordingSubscriber subscriber = subscribe(register("s", "reader"), SHARD_0,
            StartingPosition.trimHorizon(), Long.MAX_VALUE);
        final SubscribeToShardEvent event = subscriber.nextEventWithRecords();

        assertThat(event.records()).extracting(BrokerTestSupport::text).containsExactly("r0");
        assertThat(event.childShards()).hasSize(2);
        assertThat(event.continuationSequenceNumber()).isNull();
        assertThat(subscriber.awaitEnd()).isTrue();
    }

    @Test
    void shouldFailWithTheKinesisErrorWhenTheStreamIsDeleted() throws InterruptedException {
        open().createStream("s", 1);
        final RecordingSubscriber subscriber = subscribe(register("s", "reader"), SHARD_0, StartingPosition.latest(),
            Long.MAX_VALUE);

        broker.deleteStream(new DeleteStreamRequest(StreamRequest.of("s"), true));

        assertThat(subscriber.awaitError()).isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Stream s under account " + ACCOUNT + " not found.");
    }

    @Test
    void shouldFailWithTheKinesisErrorWhenTheConsumerIsDeregistered() throws InterruptedException {
        open().createStream("s", 1);
        final String consumer = register("s", "reader");
        final RecordingSubscriber subscriber = subscribe(consumer, SHARD_0, StartingPosition.latest(), 0);

        broker.deregisterStreamConsumer(consumer);

        assertThat(subscriber.awaitError()).isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Consumer reader with creation timestamp " + START_MS / 1000 + " under stream s and account "
                + ACCOUNT + " not found.");
    }

    @Test
    void shouldFailWithTheKinesisErrorWhenTheShardExpires() throws InterruptedException {
        open(b -> b.subscriptionLifetimeMs(100 * 3_600_000L)).createStream("s", 1);
        broker.splitShard("s", SHARD_0, "170141183460469231731687303715884105728");
        final String consumer = register("s", "reader");
        broker.putRecord("s", "k", bytes("child"));
        final RecordingSubscriber subscriber = subscribe(consumer, SHARD_0, StartingPosition.latest(), 0);

        clock.advance(24 * 3_600_000L + 1);

        assertThat(subscriber.awaitError()).isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Shard " + SHARD_0 + " in stream s under account " + ACCOUNT + " does not exist");
    }

    @Test
    void shouldRefuseAConsumerThatIsNotActive() {
        open(b -> b.consumerCreationDelayMs(1_000)).createStream("s", 1);
        final String consumer = register("s", "reader");

        assertThatThrownBy(() -> broker.subscribeToShard(consumer, SHARD_0, StartingPosition.latest()))
            .isInstanceOf(ResourceInUseException.class)
            .hasMessage("Consumer reader with creation timestamp " + START_MS / 1000 + " under stream: s , account "
                + ACCOUNT + " is not in ACTIVE status.");
    }

    @Test
    void shouldRefuseAMissingShardOrABadStartingPosition() {
        open().createStream("s", 1);
        final String consumer = register("s", "reader");

        assertThatThrownBy(() -> broker.subscribeToShard(consumer, "shardId-000000000009", StartingPosition.latest()))
            .isInstanceOf(ResourceNotFoundException.class)
            .hasMessage("Shard shardId-000000000009 in stream s under account " + ACCOUNT + " does not exist");
        assertThatThrownBy(() -> broker.subscribeToShard(consumer, SHARD_0,
            new StartingPosition(ShardIteratorType.AT_SEQUENCE_NUMBER, null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and SequenceNumber or (2)"
                + " TRIM_HORIZON, LATEST or AT_TIMESTAMP and no SequenceNumber. Request specified AT_SEQUENCE_NUMBER"
                + " and no SequenceNumber.");
        assertThatThrownBy(() -> broker.subscribeToShard(consumer, SHARD_0,
            new StartingPosition(ShardIteratorType.AT_TIMESTAMP, null, null)))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP.");
        assertThatThrownBy(() -> broker.subscribeToShard(consumer, SHARD_0,
            StartingPosition.afterSequenceNumber("12345")))
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessage("StartingSequenceNumber 12345 used in SubscribeToShard on shard " + SHARD_0 + " in stream s"
                + " under account " + ACCOUNT + " is invalid.");
        assertThatThrownBy(() -> broker.subscribeToShard(new SubscribeToShardRequest(consumer, null, null)))
            .isInstanceOf(ValidationException.class)
            .hasMessage("2 validation errors detected: Value null at 'shardId' failed to satisfy constraint: Member"
                + " must not be null; Value null at 'startingPosition' failed to satisfy constraint: Member must not"
                + " be null");
    }

    @Test
    void shouldTakeOneSubscriberPerSubscription() throws InterruptedException {
        open().createStream("s", 1);
        final Flow.Publisher<SubscribeToShardEvent> publisher =
            broker.subscribeToShard(register("s", "reader"), SHARD_0, StartingPosition.latest());
        final RecordingSubscriber first = new RecordingSubscriber(Long.MAX_VALUE);
        final RecordingSubscriber second = new RecordingSubscriber(0);

        publisher.subscribe(first);
        publisher.subscribe(second);
        broker.putRecord("s", "k", bytes("r0"));

        assertThat(second.awaitError()).isInstanceOf(IllegalStateException.class);
        assertThat(first.records(1)).extracting(BrokerTestSupport::text).containsExactly("r0");
    }
}
