package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code UpdateStreamRecordDistributionStrategy}. As in Kinesis, the stream is named by its
 * ARN only: the operation has no {@code StreamName} member.
 *
 * @param streamARN                  the stream's ARN; required.
 * @param recordDistributionStrategy the strategy for records put from now on; required.
 */
public record UpdateStreamRecordDistributionStrategyRequest(String streamARN,
    RecordDistributionStrategy recordDistributionStrategy) {
}
