package io.embeddedkinesis.core.model;

/**
 * One record of a {@code PutRecords} call.
 *
 * @param data            the payload; with the partition key's UTF-8 bytes at most the stream's maximum record
 *                        size (1 MiB unless raised, up to 10 MiB).
 * @param partitionKey    1 to 256 Unicode characters; its MD5 hash picks the shard. Null only for a stream
 *                        with the {@link RecordDistributionStrategy#AUTO} strategy, which ignores it (and the
 *                        explicit hash key) and picks the shard itself.
 * @param explicitHashKey a decimal hash key that picks the shard instead, or null.
 */
public record PutRecordsRequestEntry(byte[] data, String partitionKey, String explicitHashKey) {
    /**
     * An entry routed by its partition key.
     *
     * @param partitionKey the partition key.
     * @param data         the payload.
     * @return the entry.
     */
    public static PutRecordsRequestEntry of(final String partitionKey, final byte[] data) {
        return new PutRecordsRequestEntry(data, partitionKey, null);
    }
}
