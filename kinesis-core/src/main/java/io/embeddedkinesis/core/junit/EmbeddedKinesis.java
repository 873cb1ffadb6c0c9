package io.embeddedkinesis.core.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class or method against an in-process Kinesis: a
 * {@link io.embeddedkinesis.core.KinesisBroker} on a temporary directory, with a {@link TestClock} that
 * only the test moves, and the streams declared here or with {@link KinesisStream} created before each
 * test. Closed, and its directory deleted, after the test (or the class).
 *
 * <pre>{@code
 * @EmbeddedKinesis(streams = @KinesisStream(name = "orders", shards = 2))
 * class OrderServiceTest {
 *     KinesisBroker kinesis;                    // injected before each test
 *
 *     @Test
 *     void shouldPublishPaidOrders(TestClock clock, StreamReader reader) {
 *         new OrderService(kinesis).pay("order-1");
 *         assertThat(reader.readAll("orders")).hasSize(1);
 *     }
 * }
 * }</pre>
 *
 * <p><b>What is injected</b>, into test and lifecycle method parameters and into the non-final fields
 * of the test instance (and static fields, with a broker per class): {@link io.embeddedkinesis.core.KinesisBroker},
 * {@link TestClock} (also as Agrona's {@code CachedEpochClock} or {@code EpochClock}), {@link StreamReader}
 * and {@link TestBroker}, which can also restart the broker. Constructors get nothing: they run before
 * the broker opens.
 *
 * <p><b>Lifecycle</b>: by default each test method gets a broker of its own ({@link Lifecycle#PER_METHOD});
 * {@link Lifecycle#PER_CLASS} shares one broker, its clock and its records among the tests of a class
 * (and its {@code @Nested} classes), and makes it available to {@code @BeforeAll} methods. A method that
 * carries {@code @EmbeddedKinesis} or {@code @KinesisStream} itself always gets a broker of its own; an
 * {@code @EmbeddedKinesis} on a method replaces the class's settings for that test, while the streams
 * declared on the class are created as well.
 *
 * <p><b>Time</b>: the broker's only clock is the {@link TestClock}, so retention, iterator expiry and
 * token buckets move only when the test moves it. The broker runs no background thread unless
 * {@link #housekeepingIntervalMs()} asks for one: call {@code enforceRetention()} and
 * {@code scaleOnDemandStreams()} where a test needs them. Limits are Kinesis's unless
 * {@link #throttling()} is off: with the clock standing still a shard takes 1,000 records and 5
 * {@code GetRecords} calls, and then refuses more until the clock moves.
 *
 * <p>A declaration the broker refuses (a bad stream name, more shards than {@link #shardLimit()}, two
 * streams of one name) fails the test with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} that names the declaration and
 * carries the broker's Kinesis message.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedKinesisExtension.class)
public @interface EmbeddedKinesis {

    /**
     * Streams to create in the broker before each test, in this order; {@link KinesisStream} on the class
     * or method adds more.
     *
     * @return the streams; none by default.
     */
    KinesisStream[] streams() default {};

    /**
     * Whether each test method gets a broker of its own or the tests of the class share one.
     *
     * @return {@link Lifecycle#PER_METHOD} by default; only a class can ask for {@link Lifecycle#PER_CLASS}.
     */
    Lifecycle lifecycle() default Lifecycle.PER_METHOD;

    /**
     * Whether shards are throttled at Kinesis's limits ({@code ShardLimits.KINESIS_DEFAULTS}); false
     * switches every limit off ({@code ShardLimits.NONE}), for tests that put or poll without moving the
     * clock. {@link KinesisStream#throttling()} switches them off for one stream.
     *
     * @return true by default.
     */
    boolean throttling() default true;

    /**
     * Where the {@link TestClock} starts, as an ISO-8601 instant such as {@code "2025-11-24T16:00:00Z"},
     * for tests that assert timestamps.
     *
     * @return empty by default: the wall-clock time when the broker opens.
     */
    String clockStart() default "";

    /**
     * The account's quota of open shards ({@code BrokerConfig.Builder.shardLimit}).
     *
     * @return 0 by default, for the broker's default: 500, as in Kinesis.
     */
    int shardLimit() default 0;

    /**
     * The shortest retention period streams may be given, 1 to 24 hours, so that expiry can be tested
     * with short periods ({@code BrokerConfig.Builder.minimumRetentionPeriodHours}).
     *
     * @return 24 by default, Kinesis's minimum.
     */
    int minimumRetentionPeriodHours() default 24;

    /**
     * How often the broker's background thread deletes expired log files and scales on-demand streams.
     *
     * @return 0 by default: no thread, so that nothing happens behind the test's back.
     */
    long housekeepingIntervalMs() default 0;

    /**
     * How long a new stream stays CREATING, on the test's clock.
     *
     * @return 0 by default: ACTIVE at once.
     */
    long streamCreationDelayMs() default 0;

    /**
     * How long a deleted stream stays DELETING, on the test's clock.
     *
     * @return 0 by default: gone at once.
     */
    long streamDeletionDelayMs() default 0;

    /**
     * Sets whatever else the broker's configuration offers (metrics, on-demand scaling, durability, ...),
     * after the attributes above and before the extension sets the directory and clock.
     *
     * @return a class with a no-argument constructor; by default one that changes nothing.
     */
    Class<? extends BrokerConfigurer> configurer() default BrokerConfigurer.None.class;

    /**
     * How long a broker lives.
     */
    enum Lifecycle {
        /** A broker for each test method, with the declared streams new and empty. */
        PER_METHOD,
        /** One broker for all the tests of a class, opened before {@code @BeforeAll} methods. */
        PER_CLASS
    }
}
