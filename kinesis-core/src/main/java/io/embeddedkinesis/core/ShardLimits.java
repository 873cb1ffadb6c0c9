package io.embeddedkinesis.core;

/**
 * The throughput limits of one shard, which Kinesis enforces per shard: how many bytes and records a
 * second may be written, and how many bytes and {@code GetRecords} calls a second may be read (shared by
 * every polling consumer of the shard).
 *
 * <p>Each limit is a rate per second and the burst the shard allows (a full second's worth). A limit of
 * {@link #UNLIMITED} switches that dimension off, e.g. for benchmarks. Immutable.
 *
 * @param writeBytesPerSecond   bytes of data and partition keys written per second; Kinesis: 1 MiB.
 * @param writeRecordsPerSecond records written per second; Kinesis: 1,000.
 * @param readBytesPerSecond    bytes returned by {@code GetRecords} per second; Kinesis: 2 MiB.
 * @param readCallsPerSecond    {@code GetRecords} calls per second; Kinesis: 5.
 */
public record ShardLimits(
    long writeBytesPerSecond, long writeRecordsPerSecond, long readBytesPerSecond, long readCallsPerSecond) {

    /** The value that switches a limit off. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** The limits of a provisioned Kinesis shard. */
    public static final ShardLimits KINESIS_DEFAULTS = new ShardLimits(1024 * 1024, 1000, 2 * 1024 * 1024, 5);

    /** No limits at all: every call is admitted. */
    public static final ShardLimits NONE = new ShardLimits(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED);

    /**
     * Validates that every limit is positive.
     *
     * @param writeBytesPerSecond see the class description.
     * @param writeRecordsPerSecond see the class description.
     * @param readBytesPerSecond see the class description.
     * @param readCallsPerSecond see the class description.
     */
    public ShardLimits {
        requirePositive("writeBytesPerSecond", writeBytesPerSecond);
        requirePositive("writeRecordsPerSecond", writeRecordsPerSecond);
        requirePositive("readBytesPerSecond", readBytesPerSecond);
        requirePositive("readCallsPerSecond", readCallsPerSecond);
    }

    /**
     * Whether writes are admitted without any check.
     *
     * @return true if both write limits are {@link #UNLIMITED}.
     */
    public boolean writesUnlimited() {
        return writeBytesPerSecond == UNLIMITED && writeRecordsPerSecond == UNLIMITED;
    }

    /**
     * Whether reads are admitted without any check.
     *
     * @return true if both read limits are {@link #UNLIMITED}.
     */
    public boolean readsUnlimited() {
        return readBytesPerSecond == UNLIMITED && readCallsPerSecond == UNLIMITED;
    }

    private static void requirePositive(final String name, final long value) {
        if (value < 1) {
            throw new IllegalArgumentException("shard limit must be positive: " + name + "=" + value);
        }
    }
}
