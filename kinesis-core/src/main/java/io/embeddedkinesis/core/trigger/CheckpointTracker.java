package io.embeddedkinesis.core.trigger;

import java.util.ArrayDeque;

/**
 * Which records of a shard are finished, in the order they were read, so that the shard is checkpointed
 * only up to the last record before which everything is finished. With a parallelization factor above 1,
 * batches of the shard finish out of order; a checkpoint never passes a record still being processed or
 * retried, so a restart delivers it again.
 *
 * <p>Not thread-safe: the shard's worker thread uses it.
 */
final class CheckpointTracker {
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** One record read: finished once processed, discarded, or aggregated into a completed window. */
    static final class Entry {
        private final String sequenceNumber;
        private boolean finished;

        private Entry(final String sequenceNumber) {
            this.sequenceNumber = sequenceNumber;
        }

        void finish() {
            finished = true;
        }
    }

    /** A record was read; it is finished later. */
    Entry track(final String sequenceNumber) {
        final Entry entry = new Entry(sequenceNumber);
        entries.addLast(entry);
        return entry;
    }

    /** Whether every record read is finished. */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Drops the finished records at the front.
     *
     * @return the last one dropped, where the shard can be checkpointed now; null if none was.
     */
    String advance() {
        String last = null;
        while (!entries.isEmpty() && entries.peekFirst().finished) {
            last = entries.pollFirst().sequenceNumber;
        }
        return last;
    }
}
