package io.embeddedkinesis.core.application;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A position in a shard to the sub-record: a record's sequence number and the index of a sub-record
 * within it (0 for a plain record, more for the user records of a KPL-aggregated one), or one of the
 * {@link SentinelCheckpoint sentinels}, as the KCL's {@code ExtendedSequenceNumber}.
 *
 * <p>Ordered as the KCL orders checkpoints: {@code AT_TIMESTAMP}, {@code TRIM_HORIZON} and {@code LATEST}
 * come before every sequence number, in that order,, {@code SHARD_END} after every one; sequence numbers compare
 * numerically, then by sub-sequence number. Immutable.
 *
 * @param sequenceNumber    a decimal sequence number, or the name of a sentinel.
 * @param subSequenceNumber the sub-record's index, 0 or more; 0 for sentinels.
 */
public record ExtendedSequenceNumber(String sequenceNumber, long subSequenceNumber)
    implements Comparable<ExtendedSequenceNumber> {
    /** Start at the oldest record. */
    public static final ExtendedSequenceNumber TRIM_HORIZON = sentinel(SentinelCheckpoint.TRIM_HORIZON);
    /** Start after the newest record. */
    public static final ExtendedSequenceNumber LATEST = sentinel(SentinelCheckpoint.LATEST);
    /** Start at the application's initial timestamp. */
    public static final ExtendedSequenceNumber AT_TIMESTAMP = sentinel(SentinelCheckpoint.AT_TIMESTAMP);
    /** The shard is done. */
    public static final ExtendedSequenceNumber SHARD_END = sentinel(SentinelCheckpoint.SHARD_END);

    private static final int RECORD_RANK = 3;

    /**
     * Validates the parts.
     *
     * @param sequenceNumber    see the class description.
     * @param subSequenceNumber see the class description.
     */
    public ExtendedSequenceNumber {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        if (subSequenceNumber < 0) {
            throw new IllegalArgumentException("subsequence number must not be negative: subSequenceNumber="
                + subSequenceNumber);
        }
        if (!isDecimal(sequenceNumber) && sentinelOf(sequenceNumber) == null) {
            throw new IllegalArgumentException("not a sequence number or a sentinel checkpoint: sequenceNumber="
                + sequenceNumber);
        }
    }

    /**
     * The position of a plain record, or of a sentinel given by name.
     *
     * @param sequenceNumber a decimal sequence number or a sentinel's name.
     * @return the position with sub-sequence number 0.
     */
    public static ExtendedSequenceNumber of(final String sequenceNumber) {
        return new ExtendedSequenceNumber(sequenceNumber, 0);
    }

    private static ExtendedSequenceNumber sentinel(final SentinelCheckpoint sentinel) {
        return new ExtendedSequenceNumber(sentinel.name(), 0);
    }

    /**
     * The sentinel this is, if it is one.
     *
     * @return the sentinel, or null for a record's position.
     */
    public SentinelCheckpoint sentinel() {
        return sentinelOf(sequenceNumber);
    }

    /**
     * Whether this is a sentinel rather than a record's position.
     *
     * @return true for a sentinel.
     */
    public boolean isSentinel() {
        return sentinel() != null;
    }

    private static SentinelCheckpoint sentinelOf(final String value) {
        for (final SentinelCheckpoint sentinel : SentinelCheckpoint.values()) {
            if (sentinel.name().equals(value)) {
                return sentinel;
            }
        }
        return null;
    }

    private static boolean isDecimal(final String value) {
        if (value.isEmpty() || value.length() > 129) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(final ExtendedSequenceNumber other) {
        final int rank = Integer.compare(rank(), other.rank());
        if (rank != 0 || isSentinel()) {
            return rank;
        }
        final int bySequence = new BigInteger(sequenceNumber).compareTo(new BigInteger(other.sequenceNumber));
        return bySequence != 0 ? bySequence : Long.compare(subSequenceNumber, other.subSequenceNumber);
    }

    /** Where the kind sorts: the starting sentinels as the KCL orders them, then records, then the end. */
    private int rank() {
        final SentinelCheckpoint sentinel = sentinel();
        if (sentinel == null) {
            return RECORD_RANK;
        }
        return switch (sentinel) {
            case AT_TIMESTAMP -> 0;
            case TRIM_HORIZON -> 1;
            case LATEST -> 2;
            case SHARD_END -> RECORD_RANK + 1;
        };
    }

    @Override
    public String toString() {
        return "{SequenceNumber: " + sequenceNumber + ",SubsequenceNumber: " + subSequenceNumber + "}";
    }
}
