package io.embeddedkinesis.core.log;

import net.openhft.chronicle.queue.RollCycle;

/**
 * The positions of a Chronicle shard log: an excerpt's place in the log (its file's cycle and its sequence in
 * the file) followed by an entry's slot within the excerpt, so that the entries of a packed excerpt
 * ({@link RecordDescriptor#PACKED_FLAG}) each have a position of their own, in order.
 *
 * <pre>
 *   position = cycle &lt;&lt; (sequenceBits + SLOT_BITS) | sequence &lt;&lt; SLOT_BITS | slot
 * </pre>
 *
 * The sequence takes only the bits its roll cycle can fill (30 for five-minute files, 32 for hourly and daily
 * ones) rather than Chronicle's 32 or more, which keeps every position of this century positive. A sequence
 * one past its file's capacity, which only "the excerpt after the last one" produces, carries into the next
 * cycle, the position of that cycle's first excerpt. Immutable.
 */
final class LogPositions {
    /** The bits of a position that hold the slot. */
    static final int SLOT_BITS = Integer.numberOfTrailingZeros(RecordDescriptor.MAX_PACKED_ENTRIES);
    private static final long SLOT_MASK = RecordDescriptor.MAX_PACKED_ENTRIES - 1;

    private final RollCycle rollCycle;
    private final int cycleShift;
    private final long sequenceMask;

    LogPositions(final RollCycle rollCycle) {
        this.rollCycle = rollCycle;
        final int sequenceBits = Long.SIZE - Long.numberOfLeadingZeros(rollCycle.maxMessagesPerCycle() - 1);
        this.cycleShift = sequenceBits + SLOT_BITS;
        this.sequenceMask = (1L << sequenceBits) - 1;
    }

    /**
     * The position of an entry.
     *
     * @param index the Chronicle index of its excerpt (of its first fragment, for an entry in fragments).
     * @param slot  its place in the excerpt, 0 for an entry that is not packed.
     * @return the position.
     */
    long position(final long index, final int slot) {
        return ((long) rollCycle.toCycle(index) << cycleShift) + (rollCycle.toSequenceNumber(index) << SLOT_BITS)
            + slot;
    }

    /**
     * The Chronicle index of the excerpt a position falls in.
     *
     * @param position a position.
     * @return the index.
     */
    long index(final long position) {
        return rollCycle.toIndex((int) (position >>> cycleShift), (position >>> SLOT_BITS) & sequenceMask);
    }

    /**
     * The slot a position names within its excerpt.
     *
     * @param position a position.
     * @return the slot, from 0.
     */
    static int slot(final long position) {
        return (int) (position & SLOT_MASK);
    }
}
