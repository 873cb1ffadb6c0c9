package io.embeddedkinesis.core.log;

/**
 * How much time one file of a shard log covers. Retention deletes whole files, so the cycle is the
 * granularity at which expired records leave the disk (they stop being readable at once, whatever the
 * cycle); shorter cycles free space sooner at the cost of more files.
 */
public enum LogCycle {
    /** One file per five minutes: for short retention in tests and demos. */
    FIVE_MINUTES(5 * 60_000L),
    /** One file per hour: the default, a 24th of Kinesis's shortest retention. */
    HOURLY(3_600_000L),
    /** One file per day: fewest files, for long retention. */
    DAILY(86_400_000L);

    private final long lengthMs;

    LogCycle(final long lengthMs) {
        this.lengthMs = lengthMs;
    }

    /**
     * The time one file covers.
     *
     * @return the cycle length in milliseconds.
     */
    public long lengthMs() {
        return lengthMs;
    }
}
