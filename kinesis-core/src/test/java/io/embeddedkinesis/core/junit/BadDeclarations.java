package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.model.StreamMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sample test classes that declare what the extension cannot do, run by {@link EmbeddedKinesisExtensionTest}
 * to check how each fails. Their tests would pass if they ran at all.
 */
final class BadDeclarations {
    private BadDeclarations() {
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis
    @KinesisStream(name = "bad/name")
    static class InvalidStreamName {
        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(streams = @KinesisStream(name = "s"))
    @KinesisStream(name = "s", shards = 2)
    static class DuplicateStream {
        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(shardLimit = 2)
    @KinesisStream(name = "s", mode = StreamMode.ON_DEMAND, shards = 2)
    static class OnDemandWithShards {
        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(shardLimit = 2, streams = @KinesisStream(name = "s", shards = 3))
    static class BeyondShardLimit {
        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(clockStart = "yesterday")
    static class UnreadableClockStart {
        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis(shardLimit = -1)
    static class NegativeShardLimit {
        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis
    static class PerClassOnAMethod {
        @Test
        @EmbeddedKinesis(lifecycle = EmbeddedKinesis.Lifecycle.PER_CLASS)
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis
    static class StaticFieldPerMethod {
        static KinesisBroker broker;

        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis
    static class BeforeAllParameterPerMethod {
        @BeforeAll
        static void setUp(final KinesisBroker broker) {
        }

        @Test
        void test() {
        }
    }

    @ExtendWith(OnlyInTestKit.class)
    @EmbeddedKinesis
    static class ConstructorParameter {
        ConstructorParameter(final KinesisBroker broker) {
        }

        @Test
        void test() {
        }
    }
}
