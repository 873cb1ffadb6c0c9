package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code PutRecord}.
 *
 * @param stream                    the stream.
 * @param partitionKey              1 to 256 Unicode characters; its MD5 hash picks the shard. Null only for a
 *                                  stream with the {@link RecordDistributionStrategy#AUTO} strategy, which
 *                                  ignores it (and the explicit hash key) and picks the shard itself.
 * @param data                      the payload; with the partition key's UTF-8 bytes at most the stream's maximum
 *                                  record size (1 MiB unless raised, up to 10 MiB).
 * @param explicitHashKey           a decimal hash key that picks the shard instead of the partition key, or null.
 * @param sequenceNumberForOrdering the sequence number the previous put of this key returned, or null.
 */
public record PutRecordRequest(
    StreamRequest stream, String partitionKey, byte[] data, String explicitHashKey,
    String sequenceNumberForOrdering) {

    /**
     * A request with just the required parameters.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @param partitionKey    the partition key.
     * @param data            the payload.
     * @return the request.
     */
    public static PutRecordRequest of(final String streamNameOrArn, final String partitionKey, final byte[] data) {
        return new PutRecordRequest(StreamRequest.of(streamNameOrArn), partitionKey, data, null, null);
    }

    /**
     * This request routed by an explicit hash key instead of the partition key's hash.
     *
     * @param hashKey the decimal hash key.
     * @return a new request.
     */
    public PutRecordRequest withExplicitHashKey(final String hashKey) {
        return new PutRecordRequest(stream, partitionKey, data, hashKey, sequenceNumberForOrdering);
    }

    /**
     * This request ordered after a previous put of the same partition key.
     *
     * @param sequenceNumber the sequence number the previous put returned.
     * @return a new request.
     */
    public PutRecordRequest withSequenceNumberForOrdering(final String sequenceNumber) {
        return new PutRecordRequest(stream, partitionKey, data, explicitHashKey, sequenceNumber);
    }
}
