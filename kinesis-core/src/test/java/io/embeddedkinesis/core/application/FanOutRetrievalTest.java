package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.model.Consumer;
import io.embeddedkinesis.core.model.ConsumerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Consumer applications reading by enhanced fan-out: the application's own consumer, subscriptions at the
 * checkpoints, renewed after their lifetime, handed to the next lease holder under the 5-second rule, and
 * children after parents. The broker's fan-out thread pushes, so tests wait for deliveries with
 * {@link #runUntil}; everything time-driven (lifetimes, lease expiry, backoffs) follows the test's clock.
 */
@Timeout(120)
class FanOutRetrievalTest extends ApplicationTestSupport {
    private static final String SHARD_0 = "shardId-000000000000";
    private static final String SHARD_1 = "shardId-000000000001";
    private static final String SHARD_2 = "shardId-000000000002";
    private static final String SHARD_3 = "shardId-000000000003";
    private static final String MIDDLE = BigInteger.ONE.shiftLeft(127).toString();
    private static final int KEYS = 8;

    @Test
    void shouldProcessEveryRecordOfAMultiShardStreamThroughAConsumerNamedAfterTheApplication() {
        openBroker().createStream("s", 3);
        final List<String> produced = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            put("s", "key-" + i, "r" + i);
            produced.add("r" + i);
        }
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        final Worker worker = application.createWorker("w1");

        runUntil(() -> deliveredData().size() >= produced.size(), worker);

        assertThat(deliveredData()).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(consumers()).singleElement().satisfies(consumer -> {
            assertThat(consumer.consumerName()).isEqualTo("app");
            assertThat(consumer.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        });
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRegisterItsConsumerAgainAfterItWasDeregisteredAndGoOnWhereItWas() {
        openBroker().createStream("s", 1);
        put("s", "k", "before");
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        final Worker worker = application.createWorker("w1");
        runUntil(() -> deliveredData().contains("before"), worker);
        final String first = consumers().get(0).consumerARN();

        broker.deregisterStreamConsumer(first);
        clock.advance(1_000);   // a second later: a new registration gets another ARN
        put("s", "k", "after");
        runUntil(() -> deliveredData().contains("after"), worker);

        assertThat(deliveredData()).containsExactly("before", "after");
        assertThat(consumers()).singleElement().satisfies(consumer -> {
            assertThat(consumer.consumerName()).isEqualTo("app");
            assertThat(consumer.consumerARN()).isNotEqualTo(first);
        });
        assertThat(errors).as("the subscription that lost its consumer is reported")
            .allMatch(error -> error instanceof ResourceNotFoundException);
    }

    @Test
    void shouldWaitForACreatingConsumerWithoutHoldingUpTheWorker() {
        openBroker(b -> b.consumerCreationDelayMs(10_000)).createStream("s", 1);
        put("s", "k", "a");
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        final Worker worker = application.createWorker("w1");

        runFor(2_000, worker);
        final List<String> whileCreating = deliveredData();
        final ConsumerStatus status = consumers().get(0).consumerStatus();
        runUntil(() -> !deliveredData().isEmpty(), worker);

        assertThat(whileCreating).isEmpty();
        assertThat(status).isEqualTo(ConsumerStatus.CREATING);
        assertThat(worker.heldShardIds()).containsExactly(SHARD_0);
        assertThat(deliveredData()).containsExactly("a");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldUseAConsumerTheStreamHasAlreadyOrOneGivenByArn() {
        openBroker().createStream("s", 1);
        final String existing = broker.registerStreamConsumer(streamArn(), "app").consumerARN();
        final String dashboard = broker.registerStreamConsumer(streamArn(), "dashboard").consumerARN();
        put("s", "k", "a");
        final ConsumerApplication byName = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        runUntil(() -> deliveredData().size() == 1, byName.createWorker("w1"));
        byName.close();
        events.clear();

        final ConsumerApplication byArn = ConsumerApplication.open(broker, ApplicationConfig
            .builder("other", "s", shardId -> new RecordingProcessor(shardId, events,
                RecordingProcessor.Behaviour.EVERY_BATCH))
            .initialPosition(InitialPosition.TRIM_HORIZON).errorHandler(errors::add)
            .retrievalFactory(FanOutConfig.DEFAULTS.withConsumerArn(dashboard)).build());
        applications.add(byArn);
        runUntil(() -> deliveredData().size() == 1, byArn.createWorker("w1"));

        assertThat(consumers()).extracting(Consumer::consumerARN).containsExactly(existing, dashboard);
        assertThat(deliveredData()).containsExactly("a");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldRefuseSettingsThatNameTheConsumerTwiceOrBadly() {
        assertThatThrownBy(() -> new FanOutConfig("name", "arn", 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("name the consumer by its name or by its ARN, not both: consumerArn=arn");
        assertThatThrownBy(() -> FanOutConfig.DEFAULTS.withConsumerName("no/slash"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("consumer name must be 1 to 128 characters of [a-zA-Z0-9_.-]: consumerName=no/slash");
        assertThatThrownBy(() -> FanOutConfig.DEFAULTS.withRetryBackoffMillis(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("retry backoff must not be negative: retryBackoffMillis=-1");
    }

    @Test
    void shouldSubscribeAgainAfterTheLastEventWhenASubscriptionReachesItsFiveMinuteLifetime() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        final Worker worker = application.createWorker("w1");
        runUntil(() -> deliveredData().size() == 1, worker);

        runFor(301_000, worker);
        put("s", "k", "b");
        runUntil(() -> deliveredData().size() == 2, worker);
        runFor(1_000, worker);

        assertThat(deliveredData()).as("neither lost nor read again").containsExactly("a", "b");
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldHandTheShardToTheNextLeaseHolderOnceFiveSecondsPassedSinceTheLastSubscription() {
        openBroker().createStream("s", 1);
        put("s", "k", "a");
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        final Worker first = application.createWorker("w1");
        final Worker second = application.createWorker("w2");
        driveUntil(() -> deliveredData().size() == 1, first);
        application.shutdownWorker(first);
        put("s", "k", "b");

        drive(second);
        final List<String> refusedMeanwhile = deliveredData();
        runUntil(() -> deliveredData().size() == 2, second);

        assertThat(second.heldShardIds()).containsExactly(SHARD_0);
        assertThat(refusedMeanwhile).as("the first worker's subscription is less than 5 s old").containsExactly("a");
        assertThat(deliveredData()).containsExactly("a", "b");
        assertThat(events("initialize")).hasSize(2).last().asString().doesNotContain("TRIM_HORIZON");
        assertThat(errors).as("a refusal under the 5-second rule is retried, not reported").isEmpty();
    }

    @Test
    void shouldFailOverToAnotherWorkerWhenOneStopsAsIfItsProcessDied() {
        openBroker().createStream("s", 2);
        final List<String> produced = new ArrayList<>();
        putRound(produced, 0);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        final Worker first = application.createWorker("w1");
        final Worker second = application.createWorker("w2");
        runUntil(() -> deliveredData().size() == KEYS, first);

        application.haltWorker(first);
        putRound(produced, 1);
        runUntil(() -> deliveredData().size() == 2 * KEYS, second);

        assertThat(second.heldShardIds()).containsExactly(SHARD_0, SHARD_1);
        assertThat(deliveredData()).containsExactlyInAnyOrderElementsOf(produced);
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldProcessChildrenAfterTheirParentsAcrossSplitAndMerge() {
        openBroker().createStream("s", 1);
        final List<String> produced = new ArrayList<>();
        putRound(produced, 0);
        broker.splitShard("s", SHARD_0, MIDDLE);
        putRound(produced, 1);
        final ConsumerApplication application = openApplication("s", RecordingProcessor.Behaviour.EVERY_BATCH,
            b -> b.retrievalFactory(FanOutConfig.DEFAULTS));
        final Worker worker = application.createWorker("w1");
        runUntil(() -> deliveredData().size() == produced.size() && shardEnded(application, SHARD_0), worker);

        broker.mergeShards("s", SHARD_1, SHARD_2);
        putRound(produced, 2);
        runUntil(() -> deliveredData().size() == produced.size() && shardEnded(application, SHARD_1)
            && shardEnded(application, SHARD_2), worker);

        assertThat(deliveredData()).containsExactlyInAnyOrderElementsOf(produced);
        assertStartsAfterEnd(SHARD_0, SHARD_1);
        assertStartsAfterEnd(SHARD_0, SHARD_2);
        assertStartsAfterEnd(SHARD_1, SHARD_3);
        assertStartsAfterEnd(SHARD_2, SHARD_3);
        assertThat(errors).isEmpty();
    }

    private String streamArn() {
        return broker.describeStreamSummary("s").streamARN();
    }

    private List<Consumer> consumers() {
        return broker.listStreamConsumers(streamArn()).consumers();
    }

    private static boolean shardEnded(final ConsumerApplication application, final String shardId) {
        return application.leases().stream().anyMatch(lease -> lease.leaseKey().equals(shardId)
            && lease.isShardEnded());
    }

    /** One record per key, numbered by round: "key:round". */
    private void putRound(final List<String> produced, final int round) {
        for (int key = 0; key < KEYS; key++) {
            put("s", "key-" + key, "key-" + key + "/" + round);
            produced.add("key-" + key + "/" + round);
        }
    }

    private void assertStartsAfterEnd(final String parent, final String child) {
        final int ended = events.indexOf("shardEnded " + parent);
        final int started = events.indexOf("initialize " + child + ":TRIM_HORIZON");
        assertThat(ended).as(parent + " ended").isNotNegative();
        assertThat(started).as(child + " started after " + parent + " ended").isGreaterThan(ended);
    }
}
