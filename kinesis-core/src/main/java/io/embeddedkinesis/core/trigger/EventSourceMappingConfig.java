package io.embeddedkinesis.core.trigger;

import org.agrona.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * The settings of an {@link EventSourceMapping}, named and bounded as Lambda's {@code CreateEventSourceMapping}
 * names and bounds them for a Kinesis stream, with Lambda's defaults. An out-of-range value is refused when it
 * is set, with an {@link IllegalArgumentException} worded as AWS words its validation errors, naming the
 * parameter.
 *
 * <p>Immutable; build one with {@link #builder(String, String, EventSourcePosition)}.
 */
public final class EventSourceMappingConfig {
    /** Lambda's limit on a synchronous invocation's request: 6 MB. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMappingConfig.class);
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");

    private final String functionName;
    private final String streamName;
    private final EventSourcePosition startingPosition;
    private final Instant startingPositionTimestamp;
    private final int batchSize;
    private final int maximumBatchingWindowInSeconds;
    private final int parallelizationFactor;
    private final boolean bisectBatchOnFunctionError;
    private final int maximumRetryAttempts;
    private final int maximumRecordAgeInSeconds;
    private final String onFailureDestination;
    private final Set<FunctionResponseType> functionResponseTypes;
    private final int tumblingWindowInSeconds;
    private final UUID uuid;
    private final int timeoutSeconds;
    private final int memorySizeInMB;
    private final Executor invocationExecutor;
    private final ErrorHandler errorHandler;

    private EventSourceMappingConfig(final Builder builder) {
        this.functionName = builder.functionName;
        this.streamName = builder.streamName;
        this.startingPosition = builder.startingPosition;
        this.startingPositionTimestamp = builder.startingPositionTimestamp;
        this.batchSize = builder.batchSize;
        this.maximumBatchingWindowInSeconds = builder.maximumBatchingWindowInSeconds;
        this.parallelizationFactor = builder.parallelizationFactor;
        this.bisectBatchOnFunctionError = builder.bisectBatchOnFunctionError;
        this.maximumRetryAttempts = builder.maximumRetryAttempts;
        this.maximumRecordAgeInSeconds = builder.maximumRecordAgeInSeconds;
        this.onFailureDestination = builder.onFailureDestination;
        this.functionResponseTypes = Set.copyOf(builder.functionResponseTypes);
        this.tumblingWindowInSeconds = builder.tumblingWindowInSeconds;
        this.uuid = builder.uuid != null ? builder.uuid
            : UUID.nameUUIDFromBytes((functionName + "\n" + streamName).getBytes(StandardCharsets.UTF_8));
        this.timeoutSeconds = builder.timeoutSeconds;
        this.memorySizeInMB = builder.memorySizeInMB;
        this.invocationExecutor = builder.invocationExecutor;
        this.errorHandler = builder.errorHandler;
    }

    /**
     * Starts a configuration with Lambda's defaults.
     *
     * @param functionName     the function's name, 1 to 64 characters of {@code [a-zA-Z0-9-_]}: it names the
     *                         function in events, its context and on-failure records.
     * @param streamName       Lambda's {@code EventSourceArn}: the stream's name or ARN, or the ARN of a consumer
     *                         of the stream, which the mapping then reads through by enhanced fan-out.
     * @param startingPosition where shards without a checkpoint start; required, as in Lambda.
     * @return a builder.
     */
    public static Builder builder(final String functionName, final String streamName,
        final EventSourcePosition startingPosition) {
        return new Builder(functionName, streamName, startingPosition);
    }

    /**
     * The function's name.
     *
     * @return the name.
     */
    public String functionName() {
        return functionName;
    }

    /**
     * The stream read, as given: a name or an ARN, or a stream consumer's ARN.
     *
     * @return the stream.
     */
    public String streamName() {
        return streamName;
    }

    /**
     * Where shards without a checkpoint start.
     *
     * @return the position.
     */
    public EventSourcePosition startingPosition() {
        return startingPosition;
    }

    /**
     * For {@code AT_TIMESTAMP}, the time; null otherwise.
     *
     * @return the timestamp.
     */
    public Instant startingPositionTimestamp() {
        return startingPositionTimestamp;
    }

    /**
     * The most records in one invocation.
     *
     * @return 1 to 10,000; 100 by default.
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * How long records are gathered before an invocation that is neither full nor at the 6 MB payload limit.
     *
     * @return seconds, 0 to 300; 0 by default: invoke as soon as records are read.
     */
    public int maximumBatchingWindowInSeconds() {
        return maximumBatchingWindowInSeconds;
    }

    /**
     * How many batches of one shard may be processed at once; records with the same partition key are always
     * processed in order.
     *
     * @return 1 to 10; 1 by default.
     */
    public int parallelizationFactor() {
        return parallelizationFactor;
    }

    /**
     * Whether a batch the function failed on is split in two before it is retried.
     *
     * @return false by default.
     */
    public boolean bisectBatchOnFunctionError() {
        return bisectBatchOnFunctionError;
    }

    /**
     * How often a failed batch is retried before its records are discarded.
     *
     * @return -1 (until the records expire) to 10,000; -1 by default.
     */
    public int maximumRetryAttempts() {
        return maximumRetryAttempts;
    }

    /**
     * The age past which records are discarded instead of sent to the function.
     *
     * @return seconds: -1 (until the stream's retention drops them) or 60 to 604,800; -1 by default.
     */
    public int maximumRecordAgeInSeconds() {
        return maximumRecordAgeInSeconds;
    }

    /**
     * The stream of the same broker that receives a JSON record about every discarded batch, Lambda's
     * {@code DestinationConfig.OnFailure}.
     *
     * @return a stream name or ARN; null when discarded batches are only logged.
     */
    public String onFailureDestination() {
        return onFailureDestination;
    }

    /**
     * What the function's response may report.
     *
     * @return the response types; empty by default.
     */
    public Set<FunctionResponseType> functionResponseTypes() {
        return functionResponseTypes;
    }

    /**
     * Whether the function reports failed records through {@code batchItemFailures}.
     *
     * @return true with {@link FunctionResponseType#REPORT_BATCH_ITEM_FAILURES}.
     */
    public boolean reportBatchItemFailures() {
        return functionResponseTypes.contains(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
    }

    /**
     * The length of the tumbling windows whose state is carried between invocations.
     *
     * @return seconds, 0 to 900; 0 by default: no windows.
     */
    public int tumblingWindowInSeconds() {
        return tumblingWindowInSeconds;
    }

    /**
     * The mapping's identifier, which names its consumer application ({@code trigger-<uuid>}) and so its
     * checkpoints.
     *
     * @return the UUID; by default derived from the function and stream names, so a mapping re-created with
     *         them resumes from the checkpoints of the one before.
     */
    public UUID uuid() {
        return uuid;
    }

    /**
     * The function's timeout, which its {@code Context} counts down on the broker's clock. It is not
     * enforced: an invocation runs until the handler returns.
     *
     * @return seconds, 1 to 900; 3 by default, as a new Lambda function's.
     */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * The memory the function's {@code Context} reports.
     *
     * @return megabytes, 128 to 10,240; 128 by default.
     */
    public int memorySizeInMB() {
        return memorySizeInMB;
    }

    /**
     * Where a mapping made with {@link EventSourceMapping#create} runs invocations.
     *
     * @return the executor; null to run them on the thread that calls {@code doWork()}.
     */
    public Executor invocationExecutor() {
        return invocationExecutor;
    }

    /**
     * Where failures of the mapping itself go (not the function's: those are retried as Lambda retries
     * them), e.g. an on-failure record that could not be written.
     *
     * @return the handler; by default one that logs a warning.
     */
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    /**
     * Builds an {@link EventSourceMappingConfig}.
     */
    public static final class Builder {
        private final String functionName;
        private final String streamName;
        private final EventSourcePosition startingPosition;
        private Instant startingPositionTimestamp;
        private int batchSize = 100;
        private int maximumBatchingWindowInSeconds;
        private int parallelizationFactor = 1;
        private boolean bisectBatchOnFunctionError;
        private int maximumRetryAttempts = -1;
        private int maximumRecordAgeInSeconds = -1;
        private String onFailureDestination;
        private final Set<FunctionResponseType> functionResponseTypes = EnumSet.noneOf(FunctionResponseType.class);
        private int tumblingWindowInSeconds;
        private UUID uuid;
        private int timeoutSeconds = 3;
        private int memorySizeInMB = 128;
        private Executor invocationExecutor;
        private ErrorHandler errorHandler = error -> LOG.warn("Event source mapping error", error);

        private Builder(final String functionName, final String streamName,
            final EventSourcePosition startingPosition) {
            if (functionName == null || !FUNCTION_NAME.matcher(functionName).matches()) {
                throw new IllegalArgumentException("1 validation error detected: Value '" + functionName
                    + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: " + FUNCTION_NAME.pattern());
            }
            this.functionName = functionName;
            this.streamName = Objects.requireNonNull(streamName, "streamName");
            this.startingPosition = Objects.requireNonNull(startingPosition, "startingPosition");
        }

        /**
         * The time an {@code AT_TIMESTAMP} mapping starts at, Lambda's {@code StartingPositionTimestamp}.
         *
         * @param timestamp the time, to the millisecond; required with {@code AT_TIMESTAMP} and only with it.
         * @return this builder.
         */
        public Builder startingPositionTimestamp(final Instant timestamp) {
            this.startingPositionTimestamp = Objects.requireNonNull(timestamp, "startingPositionTimestamp");
            return this;
        }

        /**
         * The most records in one invocation.
         *
         * @param size 1 to 10,000.
         * @return this builder.
         */
        public Builder batchSize(final int size) {
            this.batchSize = range("batchSize", size, 1, 10_000);
            return this;
        }

        /**
         * How long to gather records before invoking with a batch that is not full.
         *
         * @param seconds 0 to 300.
         * @return this builder.
         */
        public Builder maximumBatchingWindowInSeconds(final int seconds) {
            this.maximumBatchingWindowInSeconds = range("maximumBatchingWindowInSeconds", seconds, 0, 300);
            return this;
        }

        /**
         * How many batches of one shard may be processed at once.
         *
         * @param factor 1 to 10.
         * @return this builder.
         */
        public Builder parallelizationFactor(final int factor) {
            this.parallelizationFactor = range("parallelizationFactor", factor, 1, 10);
            return this;
        }

        /**
         * Whether a failed batch is split in two before it is retried; splitting uses no retry attempt.
         *
         * @param bisect true to split.
         * @return this builder.
         */
        public Builder bisectBatchOnFunctionError(final boolean bisect) {
            this.bisectBatchOnFunctionError = bisect;
            return this;
        }

        /**
         * How often a failed batch is retried before it is discarded.
         *
         * @param attempts -1 (until the records expire) to 10,000.
         * @return this builder.
         */
        public Builder maximumRetryAttempts(final int attempts) {
            this.maximumRetryAttempts = range("maximumRetryAttempts", attempts, -1, 10_000);
            return this;
        }

        /**
         * The age past which records are discarded.
         *
         * @param seconds -1 (never, until the stream's retention) or 60 to 604,800.
         * @return this builder.
         */
        public Builder maximumRecordAgeInSeconds(final int seconds) {
            if (seconds != -1 && (seconds < 60 || seconds > 604_800)) {
                // Inferred wording: Lambda's text for this rule was not found. The rule is Lambda's, narrower
                // than the API model's -1..604800 range.
                throw new IllegalArgumentException("MaximumRecordAgeInSeconds must be either -1 (forever) or between"
                    + " 60 and 604800 (inclusive)");
            }
            this.maximumRecordAgeInSeconds = seconds;
            return this;
        }

        /**
         * The stream that receives a record about every discarded batch.
         *
         * @param streamNameOrArn a stream of the same broker; it must exist when the mapping starts.
         * @return this builder.
         */
        public Builder onFailureDestination(final String streamNameOrArn) {
            this.onFailureDestination = Objects.requireNonNull(streamNameOrArn, "onFailureDestination");
            return this;
        }

        /**
         * What the function's response may report.
         *
         * @param types e.g. {@link FunctionResponseType#REPORT_BATCH_ITEM_FAILURES}; none to clear.
         * @return this builder.
         */
        public Builder functionResponseTypes(final FunctionResponseType... types) {
            functionResponseTypes.clear();
            for (final FunctionResponseType type : types) {
                functionResponseTypes.add(Objects.requireNonNull(type, "functionResponseTypes"));
            }
            return this;
        }

        /**
         * Tumbling windows of this length, with state carried between the invocations of a window.
         *
         * @param seconds 0 (none) to 900.
         * @return this builder.
         */
        public Builder tumblingWindowInSeconds(final int seconds) {
            this.tumblingWindowInSeconds = range("tumblingWindowInSeconds", seconds, 0, 900);
            return this;
        }

        /**
         * The mapping's identifier, instead of one derived from the function and stream names.
         *
         * @param id the UUID.
         * @return this builder.
         */
        public Builder uuid(final UUID id) {
            this.uuid = Objects.requireNonNull(id, "uuid");
            return this;
        }

        /**
         * The timeout the function's context counts down.
         *
         * @param seconds 1 to 900.
         * @return this builder.
         */
        public Builder timeoutSeconds(final int seconds) {
            this.timeoutSeconds = range("timeout", seconds, 1, 900);
            return this;
        }

        /**
         * The memory the function's context reports.
         *
         * @param megabytes 128 to 10,240.
         * @return this builder.
         */
        public Builder memorySizeInMB(final int megabytes) {
            this.memorySizeInMB = range("memorySize", megabytes, 128, 10_240);
            return this;
        }

        /**
         * Where a mapping driven by {@code doWork()} runs invocations, e.g. a thread pool to let batches of a
         * shard run concurrently; by default they run on the driving thread, one after another. An invocation
         * it rejects is no function error: the batch keeps its retry attempts and is offered again shortly.
         *
         * @param executor the executor.
         * @return this builder.
         */
        public Builder invocationExecutor(final Executor executor) {
            this.invocationExecutor = Objects.requireNonNull(executor, "invocationExecutor");
            return this;
        }

        /**
         * Where failures of the mapping itself go.
         *
         * @param handler the handler.
         * @return this builder.
         */
        public Builder errorHandler(final ErrorHandler handler) {
            this.errorHandler = Objects.requireNonNull(handler, "errorHandler");
            return this;
        }

        private static int range(final String member, final int value, final int min, final int max) {
            if (value < min || value > max) {
                // AWS's wording of a model constraint, which Lambda's CreateEventSourceMapping returns.
                throw new IllegalArgumentException("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value "
                    + (value < min ? "greater than or equal to " + min : "less than or equal to " + max));
            }
            return value;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration.
         * @throws IllegalArgumentException if {@code StartingPositionTimestamp} is missing for
         *                                  {@code AT_TIMESTAMP}, or given for another position.
         */
        public EventSourceMappingConfig build() {
            final boolean atTimestamp = startingPosition == EventSourcePosition.AT_TIMESTAMP;
            if (atTimestamp && startingPositionTimestamp == null) {
                // Inferred wording: Lambda refuses the combination; its text was not found.
                throw new IllegalArgumentException("StartingPositionTimestamp must be set when StartingPosition is "
                    + "AT_TIMESTAMP");
            }
            if (!atTimestamp && startingPositionTimestamp != null) {
                // Inferred wording, as above.
                throw new IllegalArgumentException("StartingPositionTimestamp is only valid when StartingPosition is "
                    + "AT_TIMESTAMP: startingPosition=" + startingPosition);
            }
            return new EventSourceMappingConfig(this);
        }
    }
}
