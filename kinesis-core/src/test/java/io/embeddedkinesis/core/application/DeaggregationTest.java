package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.kpl.AggregatedRecord;
import io.embeddedkinesis.core.kpl.RecordAggregator;
import io.embeddedkinesis.core.kpl.UserRecord;
import io.embeddedkinesis.core.kpl.UserRecordResult;
import io.embeddedkinesis.core.model.PutRecordRequest;
import io.embeddedkinesis.core.routing.HashKeyRange;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processors receive KPL aggregates as their user records, as the KCL hands them over, whichever the
 * retrieval: sub-sequence numbers, checkpoints inside an aggregate, and aggregates misrouted to a shard.
 */
@Timeout(120)
class DeaggregationTest extends ApplicationTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String UPPER_HALF = "170141183460469231731687303715884105728";
    /** Checkpoint at the last record delivered, with {@code checkpoint()}. */
    private static final int LAST = Integer.MAX_VALUE;
    /** Do not checkpoint. */
    private static final int NONE = -1;

    private final List<KinesisClientRecord> delivered = new CopyOnWriteArrayList<>();

    static Stream<Arguments> retrievals() {
        return Stream.of(Arguments.of(Named.of("polling", POLLING)),
            Arguments.of(Named.of("fan-out", FanOutConfig.DEFAULTS)));
    }

    static Stream<Arguments> checkpointsInsideAnAggregate() {
        return retrievals().flatMap(retrieval -> Stream.of(0, 2, 4, LAST)
            .map(index -> Arguments.of(retrieval.get()[0], index)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retrievals")
    void shouldDeliverEveryUserRecordOnceWithItsAggregatesSequenceNumberAndItsSubsequenceNumber(
        final RetrievalFactory retrieval) {
        openBroker().createStream("s", 2);
        final List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            final UserRecord user = UserRecord.of("key-" + i % 8, bytes("u" + i));
            users.add(i % 5 == 0 ? user.withExplicitHashKey(String.valueOf(i)) : user);
        }
        final List<UserRecordResult> results = new RecordAggregator().putRecords(broker, "s", users);
        final String plain = broker.putRecord("s", "plain-key", bytes("plain")).sequenceNumber();
        final Worker worker = open(retrieval, NONE).createWorker("w1");

        runUntil(() -> delivered.size() >= users.size() + 1, worker);

        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            final UserRecord user = users.get(i);
            expected.add(describe(results.get(i).sequenceNumber(), results.get(i).subSequenceNumber(),
                user.partitionKey(), user.explicitHashKey(), "u" + i, true));
        }
        expected.add(describe(plain, 0, "plain-key", null, "plain", false));
        assertThat(delivered).extracting(DeaggregationTest::describe).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}, checkpoint at user record {1}")
    @MethodSource("checkpointsInsideAnAggregate")
    void shouldResumeAfterTheCheckpointedUserRecordOfAnAggregate(final RetrievalFactory retrieval,
        final int checkpointIndex) {
        openBroker().createStream("s", 1);
        final List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(UserRecord.of("k", bytes("u" + i)));
        }
        final String sequenceNumber = new RecordAggregator().putRecords(broker, "s", users).get(0).sequenceNumber();
        ConsumerApplication application = open(retrieval, checkpointIndex);
        runUntil(() -> delivered.size() == users.size(), application.createWorker("w1"));
        final ExtendedSequenceNumber checkpoint = application.leases().get(0).checkpoint();
        application.close();
        delivered.clear();

        put("s", "k", "after");
        application = open(retrieval, NONE);
        runUntil(() -> !delivered.isEmpty() && data(delivered.get(delivered.size() - 1)).equals("after"),
            application.createWorker("w2"));

        final int last = Math.min(checkpointIndex, users.size() - 1);
        assertThat(checkpoint).isEqualTo(new ExtendedSequenceNumber(sequenceNumber, last));
        final List<String> expected = new ArrayList<>();
        for (int i = last + 1; i < users.size(); i++) {
            expected.add("u" + i);
        }
        expected.add("after");
        assertThat(delivered).extracting(DeaggregationTest::data).containsExactlyElementsOf(expected);
        assertThat(delivered.subList(0, expected.size() - 1)).extracting(KinesisClientRecord::subSequenceNumber)
            .containsExactlyElementsOf(subSequenceNumbers(last + 1, users.size()));
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retrievals")
    void shouldDropAnAggregateHoldingAUserRecordOfAnotherShard(final RetrievalFactory retrieval) {
        openBroker().createStream("s", 2);
        // Packed without regard to shards, as a producer with a stale shard map would: it goes to shard 0, the
        // shard of its first user record, which does not own the second.
        final AggregatedRecord misrouted = new RecordAggregator().aggregate(List.of(
            new UserRecord("low", "1", bytes("low")), new UserRecord("high", UPPER_HALF, bytes("high"))),
            List.of(HashKeyRange.ALL)).get(0);
        assertThat(broker.putRecord(misrouted.toPutRecordRequest("s")).shardId()).isEqualTo(SHARD_0);
        broker.putRecord(PutRecordRequest.of("s", "k", bytes("plain")).withExplicitHashKey("2"));
        final Worker worker = open(retrieval, NONE).createWorker("w1");

        runUntil(() -> !delivered.isEmpty(), worker);
        runFor(1_000, worker);

        assertThat(delivered).extracting(DeaggregationTest::data).containsExactly("plain");
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retrievals")
    void shouldDeliverEveryRecordAsPutAggregatesWholeWhenDeaggregationIsOff(final RetrievalFactory retrieval) {
        openBroker().createStream("s", 2);
        final AggregatedRecord misrouted = new RecordAggregator().aggregate(List.of(
            new UserRecord("low", "1", bytes("low")), new UserRecord("high", UPPER_HALF, bytes("high"))),
            List.of(HashKeyRange.ALL)).get(0);
        final String aggregate = broker.putRecord(misrouted.toPutRecordRequest("s")).sequenceNumber();
        final String plain = broker.putRecord(PutRecordRequest.of("s", "k", bytes("plain")).withExplicitHashKey("2"))
            .sequenceNumber();
        final Worker worker = open(retrieval, NONE, false).createWorker("w1");

        runUntil(() -> delivered.size() >= 2, worker);
        runFor(1_000, worker);

        assertThat(delivered).extracting(KinesisClientRecord::sequenceNumber).containsExactly(aggregate, plain);
        assertThat(delivered).extracting(KinesisClientRecord::subSequenceNumber).containsOnly(0L);
        assertThat(delivered).extracting(KinesisClientRecord::aggregated).containsOnly(false);
        assertThat(delivered.get(0).data()).as("the aggregate's own bytes, KPL magic first")
            .startsWith(0xF3, 0x89, 0x9A, 0xC2).isEqualTo(misrouted.data());
        assertThat(errors).isEmpty();
    }

    private ConsumerApplication open(final RetrievalFactory retrieval, final int checkpointIndex) {
        return open(retrieval, checkpointIndex, true);
    }

    private ConsumerApplication open(final RetrievalFactory retrieval, final int checkpointIndex,
        final boolean deaggregate) {
        final ConsumerApplication application = ConsumerApplication.open(broker, ApplicationConfig
            .builder("app", "s", shardId -> new UserRecordProcessor(checkpointIndex))
            .initialPosition(InitialPosition.TRIM_HORIZON).retrievalFactory(retrieval).errorHandler(errors::add)
            .deaggregateRecords(deaggregate).build());
        applications.add(application);
        return application;
    }

    /** Keeps what it is given and checkpoints each batch at one of its records, or at its end, or never. */
    private final class UserRecordProcessor implements ShardRecordProcessor {
        private final int checkpointIndex;

        UserRecordProcessor(final int checkpointIndex) {
            this.checkpointIndex = checkpointIndex;
        }

        @Override
        public void initialize(final InitializationInput input) {
            // Nothing to set up.
        }

        @Override
        public void processRecords(final ProcessRecordsInput input) {
            delivered.addAll(input.records());
            if (checkpointIndex == LAST) {
                input.checkpointer().checkpoint();
            } else if (checkpointIndex >= 0) {
                input.checkpointer().checkpoint(input.records().get(checkpointIndex));
            }
        }

        @Override
        public void leaseLost(final LeaseLostInput input) {
            // Nothing to clean up.
        }

        @Override
        public void shardEnded(final ShardEndedInput input) {
            input.checkpointer().checkpoint();
        }

        @Override
        public void shutdownRequested(final ShutdownRequestedInput input) {
            // Checkpoints only as the test says, in processRecords.
        }
    }

    private static List<Long> subSequenceNumbers(final int from, final int to) {
        final List<Long> numbers = new ArrayList<>();
        for (long i = from; i < to; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static String describe(final KinesisClientRecord record) {
        return describe(record.sequenceNumber(), record.subSequenceNumber(), record.partitionKey(),
            record.explicitHashKey(), data(record), record.aggregated());
    }

    private static String describe(final String sequenceNumber, final long subSequenceNumber,
        final String partitionKey, final String explicitHashKey, final String data, final boolean aggregated) {
        return sequenceNumber + "/" + subSequenceNumber + " " + partitionKey + " " + explicitHashKey + " " + data
            + (aggregated ? " aggregated" : "");
    }

    private static String data(final KinesisClientRecord record) {
        return new String(record.data(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
