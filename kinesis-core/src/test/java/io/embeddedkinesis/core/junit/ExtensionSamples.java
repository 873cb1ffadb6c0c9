package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.exception.ProvisionedThroughputExceededException;
import io.embeddedkinesis.core.model.DescribeLimitsResult;
import io.embeddedkinesis.core.model.PutRecordsRequestEntry;
import io.embeddedkinesis.core.model.StreamMode;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Test classes that use the extension as users would, run by {@link EmbeddedKinesisExtensionTest} through
 * the engine test kit. Each asserts what it sees from inside and records the brokers it was given in
 * {@link #SEEN}, so that the outer test can check which tests shared a broker and that every broker was
 * closed and its directory deleted.
 */
final class ExtensionSamples {
    /** The brokers the samples saw, in the order they saw them. */
    static final List<TestBroker> SEEN = Collections.synchronizedList(new ArrayList<>());

    private ExtensionSamples() {
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(streams = @KinesisStream(name = "orders", shards = 2))
    static class PerMethod {
        KinesisBroker broker;
        TestClock clock;
        CachedEpochClock agronaClock;
        EpochClock epochClock;
        StreamReader reader;
        TestBroker testBroker;
        final KinesisBroker notInjected = null;

        @Test
        void first(final KinesisBroker parameter, final TestBroker handle, final TestClock clockParameter) {
            SEEN.add(handle);
            assertThat(parameter).isSameAs(broker).isSameAs(handle.broker());
            assertThat(testBroker).isSameAs(handle);
            assertThat(clockParameter).isSameAs(clock).isSameAs(agronaClock).isSameAs(epochClock)
                .isSameAs(handle.clock()).isSameAs(broker.config().clock());
            assertThat(reader).isSameAs(handle.reader());
            assertThat(notInjected).isNull();
            assertThat(broker.directory()).isEqualTo(handle.directory());
            broker.putRecord("orders", "k", bytes("first"));
            assertThat(reader.readAll("orders")).hasSize(1);
        }

        @Test
        void second(final TestBroker handle) {
            SEEN.add(handle);
            assertThat(broker.listShards("orders").shards()).hasSize(2);
            assertThat(reader.readAll("orders")).as("a new broker with new streams").isEmpty();
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(lifecycle = EmbeddedKinesis.Lifecycle.PER_CLASS)
    @KinesisStream(name = "orders")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        static KinesisBroker shared;
        KinesisBroker broker;

        @BeforeAll
        static void putBeforeAll(final TestBroker handle) {
            SEEN.add(handle);
            assertThat(shared).isSameAs(handle.broker());
            shared.putRecord("orders", "k", bytes("before all"));
        }

        @Test
        @Order(1)
        void first(final TestBroker handle) {
            SEEN.add(handle);
            assertThat(broker).isSameAs(shared);
            broker.putRecord("orders", "k", bytes("first"));
        }

        @Test
        @Order(2)
        void second(final TestBroker handle, final StreamReader reader) {
            SEEN.add(handle);
            assertThat(reader.readAll("orders")).as("the class's tests share records").hasSize(2);
        }

        @Test
        @Order(3)
        @KinesisStream(name = "own")
        void third(final TestBroker handle, final StreamReader reader) {
            SEEN.add(handle);
            assertThat(broker).isNotSameAs(shared).isSameAs(handle.broker());
            assertThat(broker.listStreams().streamNames()).containsExactly("orders", "own");
            assertThat(reader.readAll("orders")).as("a broker of its own").isEmpty();
        }

        @Nested
        class Inner {
            @Test
            void shouldShareTheEnclosingClassesBroker(final TestBroker handle) {
                SEEN.add(handle);
                assertThat(handle.broker()).isSameAs(shared);
            }
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(clockStart = "2025-11-24T16:00:00Z", streams = @KinesisStream(name = "a", shards = 3))
    @KinesisStream(name = "b", mode = StreamMode.ON_DEMAND)
    @KinesisStream(name = "c", throttling = false, retentionPeriodHours = 48)
    static class Streams {
        @Test
        void shouldCreateTheDeclaredStreams(final KinesisBroker broker, final TestClock clock) {
            assertThat(clock.instant()).isEqualTo(Instant.parse("2025-11-24T16:00:00Z"));
            assertThat(broker.listStreams().streamNames()).containsExactly("a", "b", "c");
            assertThat(broker.describeStreamSummary("a").openShardCount()).isEqualTo(3);
            assertThat(broker.describeStreamSummary("a").streamModeDetails().streamMode())
                .isEqualTo(StreamMode.PROVISIONED);
            assertThat(broker.describeStreamSummary("a").streamCreationTimestamp()).isEqualTo(clock.instant());
            assertThat(broker.describeStreamSummary("b").streamModeDetails().streamMode())
                .isEqualTo(StreamMode.ON_DEMAND);
            assertThat(broker.describeStreamSummary("b").openShardCount()).isEqualTo(4);
            assertThat(broker.describeStreamSummary("c").retentionPeriodHours()).isEqualTo(48);
        }

        @Test
        void shouldThrottleOnlyTheStreamsThatAreThrottled(final KinesisBroker broker) {
            final List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(PutRecordsRequestEntry.of("key", bytes("v")));
            }
            for (int call = 0; call < 4; call++) {
                assertThat(broker.putRecords("c", batch).failedRecordCount()).isZero();
            }
            broker.putRecords("a", batch);
            broker.putRecords("a", batch);
            assertThat(broker.putRecords("a", batch).failedRecordCount()).as("1,000 records a second").isEqualTo(500);
        }

        @Test
        @KinesisStream(name = "d", shards = 2)
        void shouldAddTheMethodsStreamsToTheClasses(final KinesisBroker broker) {
            assertThat(broker.listStreams().streamNames()).containsExactly("a", "b", "c", "d");
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(throttling = false, shardLimit = 10, minimumRetentionPeriodHours = 1,
        configurer = Configured.SevenOnDemandStreams.class)
    @KinesisStream(name = "s")
    static class Configured {
        @Test
        void shouldConfigureTheBrokerAsDeclared(final KinesisBroker broker, final StreamReader reader) {
            assertThat(broker.describeLimits()).isEqualTo(new DescribeLimitsResult(10, 1, 0, 7));
            broker.decreaseStreamRetentionPeriod("s", 1);
            for (int i = 0; i < 3000; i++) {
                broker.putRecord("s", "k", bytes("v"));
            }
            for (int read = 0; read < 10; read++) {
                assertThat(reader.readAll("s")).hasSize(3000);
            }
        }

        @Test
        @EmbeddedKinesis
        void shouldReplaceTheClassesSettingsWithTheMethods(final KinesisBroker broker, final StreamReader reader) {
            assertThat(broker.describeLimits()).isEqualTo(new DescribeLimitsResult(500, 1, 0, 50));
            broker.putRecord("s", "k", bytes("v"));
            for (int read = 0; read < 2; read++) {
                assertThat(reader.readAll("s")).hasSize(1);
            }
            assertThatThrownBy(() -> reader.readAll("s")).isInstanceOf(ProvisionedThroughputExceededException.class);
        }

        private static final class SevenOnDemandStreams implements BrokerConfigurer {
            @Override
            public void configure(final io.embeddedkinesis.core.BrokerConfig.Builder config) {
                config.onDemandStreamCountLimit(7);
            }
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @ExtendWith(EmbeddedKinesisExtension.class)
    static class Undeclared {
        @Test
        void shouldGetABrokerWithTheDefaults(final TestBroker handle, final TestClock clock) {
            SEEN.add(handle);
            assertThat(handle.broker().listStreams().streamNames()).isEmpty();
            assertThat(handle.broker().describeLimits().shardLimit()).isEqualTo(500);
            assertThat(handle.broker().config().housekeepingIntervalMs()).isZero();
            assertThat(Duration.between(clock.instant(), Instant.now())).as("starts at the wall-clock time")
                .isBetween(Duration.ZERO, Duration.ofHours(1));
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis
    @KinesisStream(name = "s")
    static class Reopened {
        KinesisBroker broker;

        @Test
        void shouldKeepTheStreamsAndInjectTheNewBroker(final TestBroker handle) {
            SEEN.add(handle);
            final KinesisBroker before = broker;
            before.putRecord("s", "k", bytes("kept"));

            final KinesisBroker after = handle.reopen();

            assertThat(after).isNotSameAs(before).isSameAs(broker).isSameAs(handle.broker());
            assertThat(handle.reader().readAll("s")).hasSize(1);
            assertThatThrownBy(before::listStreams).isInstanceOf(IllegalStateException.class);
        }
    }
}
