package io.embeddedkinesis.core.kpl;

import io.embeddedkinesis.core.routing.HashKey;
import io.embeddedkinesis.core.routing.PartitionKeyHasher;

import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One record as a producer gives it to the {@link RecordAggregator}: what the KPL calls a user record.
 *
 * <p>Immutable, except that {@link #data()} is the caller's array, not a copy; it must not change once the
 * record is made.
 *
 * @param partitionKey    1 to 256 characters; with no explicit hash key, its MD5 picks the shard.
 * @param explicitHashKey a decimal hash key in {@code 0 .. 2^128 - 1} that picks the shard instead, or null.
 * @param data            the payload.
 */
public record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {
    /** The longest partition key Kinesis takes, in characters. */
    public static final int MAX_PARTITION_KEY_LENGTH = 256;

    /** {@code ExplicitHashKey}'s pattern in the Kinesis API model. */
    private static final Pattern HASH_KEY = Pattern.compile("0|[1-9]\\d{0,38}");
    private static final BigInteger HASH_KEY_LIMIT = BigInteger.ONE.shiftLeft(128);

    /**
     * Checks the record as Kinesis would check it, so that a bad record fails here, alone, and not inside
     * an aggregate.
     *
     * @param partitionKey    see the class description.
     * @param explicitHashKey see the class description.
     * @param data            see the class description.
     * @throws IllegalArgumentException if the partition key or the explicit hash key is invalid.
     */
    public UserRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        if (partitionKey.isEmpty() || partitionKey.length() > MAX_PARTITION_KEY_LENGTH) {
            throw new IllegalArgumentException("partition key must have 1 to 256 characters: partitionKey.length="
                + partitionKey.length());
        }
        if (explicitHashKey != null && (!HASH_KEY.matcher(explicitHashKey).matches()
            || new BigInteger(explicitHashKey).compareTo(HASH_KEY_LIMIT) >= 0)) {
            throw new IllegalArgumentException("explicit hash key must be a decimal integer in 0..2^128-1:"
                + " explicitHashKey=" + explicitHashKey);
        }
    }

    /**
     * A user record routed by its partition key.
     *
     * @param partitionKey the partition key.
     * @param data         the payload.
     * @return the record.
     */
    public static UserRecord of(final String partitionKey, final byte[] data) {
        return new UserRecord(partitionKey, null, data);
    }

    /**
     * This record routed by an explicit hash key instead of its partition key.
     *
     * @param hashKey the decimal hash key.
     * @return a new record.
     */
    public UserRecord withExplicitHashKey(final String hashKey) {
        return new UserRecord(partitionKey, hashKey, data);
    }

    /**
     * The hash key Kinesis routes this record by.
     *
     * @return the explicit hash key if there is one, else the MD5 of the partition key.
     */
    public HashKey hashKey() {
        return explicitHashKey == null
            ? PartitionKeyHasher.compute(partitionKey).hashKey()
            : HashKey.of(new BigInteger(explicitHashKey));
    }

    @Override
    public String toString() {
        return "UserRecord{partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey
            + ", dataLength=" + data.length + "}";
    }
}
