package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code UpdateShardCount}.
 *
 * @param stream           the stream.
 * @param targetShardCount how many open shards the stream should have: half to twice the current count.
 * @param scalingType      {@code UNIFORM_SCALING}, the only type Kinesis offers.
 */
public record UpdateShardCountRequest(StreamRequest stream, Integer targetShardCount, String scalingType) {
    /** The scaling type Kinesis supports. */
    public static final String UNIFORM_SCALING = "UNIFORM_SCALING";
}
