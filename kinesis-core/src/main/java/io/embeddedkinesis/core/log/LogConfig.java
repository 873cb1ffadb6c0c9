package io.embeddedkinesis.core.log;

/**
 * How a shard log is laid out on disk and how durable its writes are.
 *
 * @param cycle                 the time one log file covers.
 * @param maxEntryBytes         the largest key plus data one entry may hold; sizes the mapped blocks.
 * @param durability            what an acknowledged append survives.
 */
public record LogConfig(LogCycle cycle, int maxEntryBytes, Durability durability) {
    /** Room for the entry header and the log's own framing on top of key and data. */
    private static final long FRAMING_BYTES = 64 * 1024;
    private static final long PAGE_BYTES = 4096;

    /**
     * Validates the configuration.
     *
     * @param cycle see the class description.
     * @param maxEntryBytes see the class description.
     * @param durability see the class description.
     */
    public LogConfig {
        if (cycle == null || durability == null) {
            throw new IllegalArgumentException("cycle and durability are required: cycle=" + cycle
                + ", durability=" + durability);
        }
        if (maxEntryBytes < 1) {
            throw new IllegalArgumentException("maxEntryBytes must be positive: maxEntryBytes=" + maxEntryBytes);
        }
    }

    /**
     * The size of one mapped block of the log. Chronicle Queue refuses entries larger than a quarter of
     * its block, so the block is four times the largest entry plus framing, rounded up to a page. Files
     * are sparse: a small shard does not use the space on disk.
     *
     * @return the block size in bytes.
     */
    public long blockSizeBytes() {
        final long bytes = 4 * (maxEntryBytes + FRAMING_BYTES);
        return (bytes + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
    }
}
