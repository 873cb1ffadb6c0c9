package io.embeddedkinesis.core.application;

import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link ConsumerApplication} runs: its name, stream and processors, and the KCL's lease and
 * retrieval settings with the KCL's defaults.
 *
 * <p>Immutable; build one with {@link #builder(String, String, ShardRecordProcessorFactory)}.
 */
public final class ApplicationConfig {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationConfig.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    private final String applicationName;
    private final String streamName;
    private final ShardRecordProcessorFactory processorFactory;
    private final InitialPosition initialPosition;
    private final RetrievalFactory retrievalFactory;
    private final long failoverTimeMillis;
    private final int maxLeasesToStealAtOneTime;
    private final long shardSyncIntervalMillis;
    private final long parentShardPollIntervalMillis;
    private final long taskBackoffTimeMillis;
    private final boolean callProcessRecordsEvenForEmptyRecordList;
    private final boolean deaggregateRecords;
    private final ErrorHandler errorHandler;

    private ApplicationConfig(final Builder builder) {
        this.applicationName = builder.applicationName;
        this.streamName = builder.streamName;
        this.processorFactory = builder.processorFactory;
        this.initialPosition = builder.initialPosition;
        this.retrievalFactory = builder.retrievalFactory;
        this.failoverTimeMillis = builder.failoverTimeMillis;
        this.maxLeasesToStealAtOneTime = builder.maxLeasesToStealAtOneTime;
        this.shardSyncIntervalMillis = builder.shardSyncIntervalMillis;
        this.parentShardPollIntervalMillis = builder.parentShardPollIntervalMillis;
        this.taskBackoffTimeMillis = builder.taskBackoffTimeMillis;
        this.callProcessRecordsEvenForEmptyRecordList = builder.callProcessRecordsEvenForEmptyRecordList;
        this.deaggregateRecords = builder.deaggregateRecords;
        this.errorHandler = builder.errorHandler;
    }

    /**
     * Starts a configuration with the KCL's defaults.
     *
     * @param applicationName  names the lease table: 1 to 128 characters of {@code [a-zA-Z0-9_.-]}.
     * @param streamName       the stream to consume.
     * @param processorFactory makes each shard's processor.
     * @return a builder.
     */
    public static Builder builder(final String applicationName, final String streamName,
        final ShardRecordProcessorFactory processorFactory) {
        return new Builder(applicationName, streamName, processorFactory);
    }

    /**
     * The application's name, which names its lease table.
     *
     * @return the name.
     */
    public String applicationName() {
        return applicationName;
    }

    /**
     * The stream consumed.
     *
     * @return its name.
     */
    public String streamName() {
        return streamName;
    }

    /**
     * Makes each shard's processor.
     *
     * @return the factory.
     */
    public ShardRecordProcessorFactory processorFactory() {
        return processorFactory;
    }

    /**
     * Where shards without a checkpoint start.
     *
     * @return the position; {@code LATEST} by default, as in the KCL.
     */
    public InitialPosition initialPosition() {
        return initialPosition;
    }

    /**
     * How records are read: by polling, or by enhanced fan-out ({@link FanOutConfig}).
     *
     * @return the retrieval; {@link PollingConfig#DEFAULTS} by default.
     */
    public RetrievalFactory retrievalFactory() {
        return retrievalFactory;
    }

    /**
     * How long a lease's counter must stand still before other workers take it; owners renew every third.
     *
     * @return milliseconds; 10,000 by default.
     */
    public long failoverTimeMillis() {
        return failoverTimeMillis;
    }

    /**
     * The most leases a worker steals in one scan when none are expired.
     *
     * @return the count; 1 by default.
     */
    public int maxLeasesToStealAtOneTime() {
        return maxLeasesToStealAtOneTime;
    }

    /**
     * How often each worker lists the shards to create missing leases.
     *
     * @return milliseconds; 60,000 by default.
     */
    public long shardSyncIntervalMillis() {
        return shardSyncIntervalMillis;
    }

    /**
     * How often a child shard's consumer looks whether its parents reached {@code SHARD_END}.
     *
     * @return milliseconds; 10,000 by default.
     */
    public long parentShardPollIntervalMillis() {
        return parentShardPollIntervalMillis;
    }

    /**
     * How long a failed step (an initialize that threw, a shard end without checkpoint) waits to be retried.
     *
     * @return milliseconds; 500 by default.
     */
    public long taskBackoffTimeMillis() {
        return taskBackoffTimeMillis;
    }

    /**
     * Whether {@code processRecords} is called for reads that returned no records.
     *
     * @return false by default.
     */
    public boolean callProcessRecordsEvenForEmptyRecordList() {
        return callProcessRecordsEvenForEmptyRecordList;
    }

    /**
     * Whether processors receive the user records of KPL aggregates, as the KCL hands them over, or every
     * stream record as it was put, aggregates whole (what Lambda gives a function, which deaggregates them
     * itself if it wants to).
     *
     * @return true by default, as in the KCL.
     */
    public boolean deaggregateRecords() {
        return deaggregateRecords;
    }

    /**
     * Where errors of processors and workers go: exceptions thrown by callbacks, shard ends without
     * checkpoint, failed reads.
     *
     * @return the handler; by default one that logs a warning.
     */
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    /**
     * Builds an {@link ApplicationConfig}.
     */
    public static final class Builder {
        private final String applicationName;
        private final String streamName;
        private final ShardRecordProcessorFactory processorFactory;
        private InitialPosition initialPosition = InitialPosition.LATEST;
        private RetrievalFactory retrievalFactory = PollingConfig.DEFAULTS;
        private long failoverTimeMillis = 10_000;
        private int maxLeasesToStealAtOneTime = 1;
        private long shardSyncIntervalMillis = 60_000;
        private long parentShardPollIntervalMillis = 10_000;
        private long taskBackoffTimeMillis = 500;
        private boolean callProcessRecordsEvenForEmptyRecordList;
        private boolean deaggregateRecords = true;
        private ErrorHandler errorHandler = error -> LOG.warn("Consumer application error", error);

        private Builder(final String applicationName, final String streamName,
            final ShardRecordProcessorFactory processorFactory) {
            if (applicationName == null || !NAME.matcher(applicationName).matches()) {
                throw new IllegalArgumentException("application name must be 1 to 128 characters of [a-zA-Z0-9_.-]: "
                    + "applicationName=" + applicationName);
            }
            this.applicationName = applicationName;
            this.streamName = Objects.requireNonNull(streamName, "streamName");
            this.processorFactory = Objects.requireNonNull(processorFactory, "processorFactory");
        }

        /**
         * Where shards without a checkpoint start.
         *
         * @param position {@code TRIM_HORIZON}, {@code LATEST} or {@code AT_TIMESTAMP}.
         * @return this builder.
         */
        public Builder initialPosition(final InitialPosition position) {
            this.initialPosition = Objects.requireNonNull(position, "initialPosition");
            return this;
        }

        /**
         * How records are read: a {@link PollingConfig} with other settings, or {@link FanOutConfig#DEFAULTS}
         * for enhanced fan-out with a consumer named after the application.
         *
         * @param factory the retrieval.
         * @return this builder.
         */
        public Builder retrievalFactory(final RetrievalFactory factory) {
            this.retrievalFactory = Objects.requireNonNull(factory, "retrievalFactory");
            return this;
        }

        /**
         * How long a lease's counter must stand still before other workers take it.
         *
         * @param millis at least 3 (renewal happens every third).
         * @return this builder.
         */
        public Builder failoverTimeMillis(final long millis) {
            this.failoverTimeMillis = atLeast("failoverTimeMillis", millis, 3);
            return this;
        }

        /**
         * The most leases a worker steals in one scan.
         *
         * @param count at least 1.
         * @return this builder.
         */
        public Builder maxLeasesToStealAtOneTime(final int count) {
            this.maxLeasesToStealAtOneTime = (int) atLeast("maxLeasesToStealAtOneTime", count, 1);
            return this;
        }

        /**
         * How often each worker creates leases for new shards.
         *
         * @param millis at least 1.
         * @return this builder.
         */
        public Builder shardSyncIntervalMillis(final long millis) {
            this.shardSyncIntervalMillis = atLeast("shardSyncIntervalMillis", millis, 1);
            return this;
        }

        /**
         * How often a child shard looks at its parents.
         *
         * @param millis at least 0.
         * @return this builder.
         */
        public Builder parentShardPollIntervalMillis(final long millis) {
            this.parentShardPollIntervalMillis = atLeast("parentShardPollIntervalMillis", millis, 0);
            return this;
        }

        /**
         * How long a failed step waits.
         *
         * @param millis at least 0.
         * @return this builder.
         */
        public Builder taskBackoffTimeMillis(final long millis) {
            this.taskBackoffTimeMillis = atLeast("taskBackoffTimeMillis", millis, 0);
            return this;
        }

        /**
         * Whether {@code processRecords} is called for empty reads.
         *
         * @param call true to call it.
         * @return this builder.
         */
        public Builder callProcessRecordsEvenForEmptyRecordList(final boolean call) {
            this.callProcessRecordsEvenForEmptyRecordList = call;
            return this;
        }

        /**
         * Whether processors receive the user records of KPL aggregates (each with the aggregate's sequence
         * number and its own sub-sequence number) or the stream's records as they were put, each with
         * sub-sequence number 0 and an aggregate's bytes unparsed.
         *
         * @param deaggregate false to deliver aggregates whole.
         * @return this builder.
         */
        public Builder deaggregateRecords(final boolean deaggregate) {
            this.deaggregateRecords = deaggregate;
            return this;
        }

        /**
         * Where errors of processors and workers go.
         *
         * @param handler the handler.
         * @return this builder.
         */
        public Builder errorHandler(final ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "errorHandler");
            return this;
        }

        private static long atLeast(final String name, final long value, final long minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ": " + name + "=" + value);
            }
            return value;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration.
         */
        public ApplicationConfig build() {
            return new ApplicationConfig(this);
        }
    }
}
