package io.embeddedkinesis.core.junit;

import io.embeddedkinesis.core.model.StreamMode;
import io.embeddedkinesis.core.stream.StreamRegistry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stream created with the broker of an {@link EmbeddedKinesis} test, before each test: on the class
 * (for every test of it), on a test method (for that test, which then gets a broker of its own), or in
 * {@link EmbeddedKinesis#streams()}. Repeatable.
 *
 * <pre>{@code
 * @EmbeddedKinesis
 * @KinesisStream(name = "orders", shards = 2)
 * @KinesisStream(name = "clicks", mode = StreamMode.ON_DEMAND, throttling = false)
 * class CheckoutTest { ... }
 * }</pre>
 *
 * <p>The stream is created as {@code CreateStream} creates one, and the broker checks it as Kinesis
 * would: an invalid name, a shard count with {@code ON_DEMAND} or one beyond the account's shard limit
 * fails the test before it runs, with the broker's message.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(KinesisStreams.class)
public @interface KinesisStream {

    /**
     * The stream's name: 1 to 128 characters of {@code [a-zA-Z0-9_.-]}.
     *
     * @return the name.
     */
    String name();

    /**
     * How many shards a provisioned stream has.
     *
     * @return 0 by default: 1 shard for a provisioned stream, and for an on-demand one the broker's initial
     *         shard count (4), which is the only choice Kinesis leaves it.
     */
    int shards() default 0;

    /**
     * The capacity mode.
     *
     * @return {@link StreamMode#PROVISIONED} by default.
     */
    StreamMode mode() default StreamMode.PROVISIONED;

    /**
     * Whether this stream's shards are throttled at the broker's limits; false gives it no limits at all.
     *
     * @return true by default.
     */
    boolean throttling() default true;

    /**
     * How long records are kept, in hours: 24 to 8,760, or down to
     * {@link EmbeddedKinesis#minimumRetentionPeriodHours()}.
     *
     * @return 24 by default, as for a new Kinesis stream.
     */
    int retentionPeriodHours() default StreamRegistry.DEFAULT_RETENTION_HOURS;
}
