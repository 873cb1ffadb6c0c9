package io.embeddedkinesis.core.shard;

/**
 * A shard's identity within its stream: an index, written as Kinesis writes shard ids,
 * {@code shardId-} and twelve zero-padded digits ({@code shardId-000000000003}).
 *
 * @param index the shard's number within its stream, from 0, in creation order.
 */
public record ShardId(int index) implements Comparable<ShardId> {
    private static final String PREFIX = "shardId-";

    /**
     * Validates the index.
     *
     * @param index see the class description.
     */
    public ShardId {
        if (index < 0) {
            throw new IllegalArgumentException("shard index must not be negative: index=" + index);
        }
    }

    /**
     * Reads a shard id the way Kinesis accepts one: the digits after the first {@code '-'} (or the whole
     * string if there is none) name the index, so {@code shardId-000000000003}, {@code shardId-3} and
     * {@code 3} are the same shard.
     *
     * @param text the shard id as given.
     * @return the shard id, or null if the text names no index.
     */
    public static ShardId tryParse(final String text) {
        final String digits = text.substring(text.indexOf('-') + 1);
        if (digits.isEmpty() || digits.length() > 19) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            final char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
            if (value > Integer.MAX_VALUE) {
                return null;
            }
        }
        return new ShardId((int) value);
    }

    /**
     * The Kinesis form.
     *
     * @return e.g. {@code shardId-000000000003}.
     */
    @Override
    public String toString() {
        final String digits = Integer.toString(index);
        return PREFIX + "0".repeat(Math.max(0, 12 - digits.length())) + digits;
    }

    @Override
    public int compareTo(final ShardId other) {
        return Integer.compare(index, other.index);
    }
}
