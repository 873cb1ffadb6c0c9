package io.embeddedkinesis.core.application;

import io.embeddedkinesis.core.KinesisBroker;

import java.util.regex.Pattern;

/**
 * Retrieval by enhanced fan-out, as the KCL's {@code FanOutConfig}: the application reads every shard through
 * {@code SubscribeToShard} with a consumer of its own, at that consumer's own 2 MiB/s per shard, with records
 * pushed as they are put instead of polled.
 *
 * <p>The consumer is the one named after the application (the KCL's default), or the one this names by
 * {@link #consumerName()} or {@link #consumerArn()}. The first worker that needs it registers it, or reuses it
 * if the stream has it already, and every shard waits, without blocking its worker, until it is ACTIVE. Each
 * shard then subscribes at its lease's checkpoint: at the checkpointed record itself (the worker drops what
 * was checkpointed, so an aggregate checkpointed part way goes on where it stopped), or at
 * {@code TRIM_HORIZON}, {@code LATEST} or {@code AT_TIMESTAMP} for a lease not yet checkpointed. Events are
 * requested one at a time, as the worker takes them. A subscription that completes (after its 5-minute
 * lifetime) is renewed after the last event's {@code continuationSequenceNumber}; one refused because another
 * subscription of the consumer holds the shard ({@code ResourceInUseException}, for 5 seconds after that one
 * was made, as when a lease just changed hands) is retried after {@link #retryBackoffMillis()}; one that fails
 * is reported to the application's error handler and retried after the application's
 * {@code taskBackoffTimeMillis}. The last event of a closed shard ends it with its {@code ChildShards}.
 *
 * <pre>{@code
 * ApplicationConfig.builder("orders-app", "orders", shardId -> new MyProcessor())
 *     .retrievalFactory(FanOutConfig.DEFAULTS)   // consumer "orders-app", registered if missing
 *     .build();
 * }</pre>
 *
 * @param consumerName       the consumer to use or register; null for the application's name.
 * @param consumerArn        an existing consumer of the stream to use as it is; null to go by name.
 * @param retryBackoffMillis how long a shard waits before subscribing again after a refusal, 0 or more.
 */
public record FanOutConfig(String consumerName, String consumerArn, long retryBackoffMillis)
    implements RetrievalFactory {
    /** The KCL's defaults: the consumer named after the application, retried after a second. */
    public static final FanOutConfig DEFAULTS = new FanOutConfig(null, null, 1_000);

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    /**
     * Validates the settings.
     *
     * @param consumerName       see the class description.
     * @param consumerArn        see the class description.
     * @param retryBackoffMillis see the class description.
     */
    public FanOutConfig {
        if (consumerName != null && !NAME.matcher(consumerName).matches()) {
            throw new IllegalArgumentException("consumer name must be 1 to 128 characters of [a-zA-Z0-9_.-]: "
                + "consumerName=" + consumerName);
        }
        if (consumerName != null && consumerArn != null) {
            throw new IllegalArgumentException("name the consumer by its name or by its ARN, not both: consumerArn="
                + consumerArn);
        }
        if (consumerArn != null && consumerArn.isEmpty()) {
            throw new IllegalArgumentException("consumer ARN must not be empty: consumerArn=");
        }
        if (retryBackoffMillis < 0) {
            throw new IllegalArgumentException("retry backoff must not be negative: retryBackoffMillis="
                + retryBackoffMillis);
        }
    }

    /**
     * These settings with a consumer of another name, registered if the stream lacks it.
     *
     * @param name 1 to 128 characters of {@code [a-zA-Z0-9_.-]}.
     * @return the settings.
     */
    public FanOutConfig withConsumerName(final String name) {
        return new FanOutConfig(name, null, retryBackoffMillis);
    }

    /**
     * These settings with an existing consumer, which is never registered.
     *
     * @param arn the consumer's ARN, as {@code RegisterStreamConsumer} returned it.
     * @return the settings.
     */
    public FanOutConfig withConsumerArn(final String arn) {
        return new FanOutConfig(null, arn, retryBackoffMillis);
    }

    /**
     * These settings with another wait after a refused subscription.
     *
     * @param millis 0 or more.
     * @return the settings.
     */
    public FanOutConfig withRetryBackoffMillis(final long millis) {
        return new FanOutConfig(consumerName, consumerArn, millis);
    }

    /**
     * Binds the consumer to the application: named after it unless these settings name another, registered
     * once for all its shards and workers.
     *
     * @param broker      the broker the application reads.
     * @param application the application's settings.
     * @return the bound retrieval.
     */
    @Override
    public RetrievalFactory forApplication(final KinesisBroker broker, final ApplicationConfig application) {
        final String name = consumerName == null && consumerArn == null ? application.applicationName()
            : consumerName;
        final StreamConsumerRegistration registration =
            new StreamConsumerRegistration(broker, application.streamName(), name, consumerArn);
        return (kinesis, streamName, shardId) ->
            new FanOutRecordsSource(kinesis, registration, shardId, retryBackoffMillis);
    }

    /**
     * A source outside an application, with a consumer of its own registration: these settings must name the
     * consumer, since there is no application to name it after.
     *
     * @param broker     the broker to read from.
     * @param streamName the stream.
     * @param shardId    the shard.
     * @return the source.
     */
    @Override
    public ShardRecordsSource createSource(final KinesisBroker broker, final String streamName,
        final String shardId) {
        if (consumerName == null && consumerArn == null) {
            throw new IllegalStateException("a FanOutConfig without a consumer name or ARN is named after its"
                + " application: use it in an ApplicationConfig");
        }
        return new FanOutRecordsSource(broker,
            new StreamConsumerRegistration(broker, streamName, consumerName, consumerArn), shardId,
            retryBackoffMillis);
    }
}
