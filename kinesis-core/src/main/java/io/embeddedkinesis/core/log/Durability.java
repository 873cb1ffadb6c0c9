package io.embeddedkinesis.core.log;

/**
 * What an acknowledged write survives.
 *
 * <p>Every mode survives the process being killed (even with SIGKILL): a write is acknowledged only once
 * it is in the memory-mapped file, which the operating system owns. The modes differ in what happens
 * when the machine itself stops (power loss, kernel panic), and in what they cost.
 */
public enum Durability {
    /**
     * Writes live in the OS page cache and reach the disk when the kernel flushes them (typically within
     * 30 seconds). Survives process death, not power loss. Costs nothing: the default.
     */
    PAGE_CACHE,
    /**
     * Every {@code PutRecord} / {@code PutRecords} call forces the shards it wrote to disk (msync) before
     * it returns. Survives power loss for everything acknowledged. Costs one msync per call and shard,
     * about 90 microseconds here, which caps a single writer at roughly 10,000 calls a second; batch with
     * {@code PutRecords} to amortize it.
     */
    FSYNC_EVERY_BATCH,
    /**
     * A background thread forces every shard to disk once per configured interval. Survives power loss
     * except for the last interval's writes. Costs one msync per shard and interval, off the caller's
     * thread.
     */
    FSYNC_INTERVAL
}
