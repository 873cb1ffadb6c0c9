package io.embeddedkinesis.core.log;

/**
 * How a shard log is laid out on disk and how durable its writes are.
 *
 * @param cycle         the time one log file covers.
 * @param fragmentBytes the most key and data bytes one excerpt of the log holds: an entry with more is
 *                      stored as several fragments ({@link RecordDescriptor}). Sizes the mapped blocks.
 * @param durability    what an acknowledged append survives.
 */
public record LogConfig(LogCycle cycle, int fragmentBytes, Durability durability) {
    /**
     * Room for the headers and the log's own framing on top of key and data; also what lets a first
     * fragment hold the largest key the layout allows, whatever the fragment size.
     */
    private static final long FRAMING_BYTES = 64 * 1024;
    private static final long PAGE_BYTES = 4096;

    /**
     * Validates the configuration.
     *
     * @param cycle see the class description.
     * @param fragmentBytes see the class description.
     * @param durability see the class description.
     */
    public LogConfig {
        if (cycle == null || durability == null) {
            throw new IllegalArgumentException("cycle and durability are required: cycle=" + cycle
                + ", durability=" + durability);
        }
        // A first fragment holds the header and the whole key, which must fit in a quarter block.
        if (fragmentBytes < RecordDescriptor.HEADER_LENGTH) {
            throw new IllegalArgumentException("fragmentBytes must be at least " + RecordDescriptor.HEADER_LENGTH
                + ": fragmentBytes=" + fragmentBytes);
        }
    }

    /**
     * The size of one mapped block of the log. Chronicle Queue refuses an excerpt larger than a quarter of
     * its block, so the block is four times the largest excerpt (a fragment plus framing), rounded up to a
     * page. Entries larger than a fragment do not grow it: they are split. Files are sparse: a small shard
     * does not use the space on disk.
     *
     * @return the block size in bytes.
     */
    public long blockSizeBytes() {
        final long bytes = 4 * (fragmentBytes + FRAMING_BYTES);
        return (bytes + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
    }
}
