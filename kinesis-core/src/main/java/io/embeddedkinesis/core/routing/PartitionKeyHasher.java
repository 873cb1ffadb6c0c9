package io.embeddedkinesis.core.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Turns a partition key into the hash key Kinesis routes it by: the MD5 digest of the key's UTF-8 bytes,
 * read as an unsigned 128-bit big-endian integer.
 *
 * <p>MD5 costs about as much as a raw log append, so the hasher remembers recent keys in a small cache:
 * real partition keys (user ids, device ids, session ids) repeat, and a hit costs a string comparison
 * instead of an encode and a digest. The cache is two-way set-associative (a key may sit in either slot
 * of its set, the most recent first), indexed by Fibonacci hashing of {@code String.hashCode()}, whose
 * low bits alone cluster for keys like {@code user-1234}. It is a plain array of immutable entries:
 * racing writers may overwrite each other's entries, which only costs a recomputation, and the final
 * fields of an entry make it safe to read from any thread. Thread-safe.
 */
public final class PartitionKeyHasher {
    private static final int SET_BITS = 13;
    private static final int WAYS = 2;
    private static final int FIBONACCI = 0x9E3779B9;

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(PartitionKeyHasher::newMd5);

    private final HashedKey[] cache = new HashedKey[WAYS << SET_BITS];

    /**
     * Hashes a partition key, reusing a recent result for the same key.
     *
     * @param partitionKey the key, already validated (1 to 256 characters).
     * @return the key's UTF-8 bytes and hash key.
     */
    public HashedKey hash(final String partitionKey) {
        final int first = ((partitionKey.hashCode() * FIBONACCI) >>> (Integer.SIZE - SET_BITS)) * WAYS;
        final HashedKey recent = cache[first];
        if (recent != null && recent.partitionKey().equals(partitionKey)) {
            return recent;
        }
        final HashedKey older = cache[first + 1];
        if (older != null && older.partitionKey().equals(partitionKey)) {
            cache[first + 1] = recent;
            cache[first] = older;
            return older;
        }
        final HashedKey computed = compute(partitionKey);
        cache[first + 1] = recent;
        cache[first] = computed;
        return computed;
    }
    /**
     * Hashes a partition key without touching any cache.
     *
     * @param partitionKey the key.
     * @return the key's UTF-8 bytes and hash key.
     */
    public static HashedKey compute(final String partitionKey) {
        final byte[] utf8 = partitionKey.getBytes(StandardCharsets.UTF_8);
        final MessageDigest md5 = MD5.get();
        final byte[] digest = md5.digest(utf8);
        return new HashedKey(partitionKey, utf8, new HashKey(readLong(digest, 0), readLong(digest, 8)));
    }

    private static long readLong(final byte[] bytes, final int offset) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java platform must provide MD5", ex);
        }
    }

    /**
     * A partition key with its UTF-8 bytes and its hash key; immutable.
     *
     * @param partitionKey the key as the caller gave it.
     * @param utf8         the key's UTF-8 bytes, as stored with the record; must not be modified.
     * @param hashKey      the MD5 of {@code utf8} as an unsigned 128-bit integer.
     */
    public record HashedKey(String partitionKey, byte[] utf8, HashKey hashKey) {
    }
}
