package io.embeddedkinesis.core.model;

import java.time.Instant;
import java.util.List;

/**
 * What {@code DescribeStreamSummary} returns, as in Kinesis's {@code StreamDescriptionSummary}.
 *
 * @param streamName                 the stream's name.
 * @param streamARN                  the stream's ARN.
 * @param streamStatus               the stream's status.
 * @param streamModeDetails          the capacity mode.
 * @param retentionPeriodHours       how long records are kept.
 * @param streamCreationTimestamp    when the stream was created.
 * @param enhancedMonitoring         the shard-level metrics enabled: one element, its list empty if none.
 * @param encryptionType             how records are encrypted at rest.
 * @param keyId                      the KMS key, or null.
 * @param openShardCount             how many shards are open.
 * @param consumerCount              how many enhanced fan-out consumers are registered.
 * @param warmThroughput             an on-demand stream's warm throughput, or null if it has none.
 * @param maxRecordSizeInKiB         the largest record (data and partition key) the stream takes, in KiB.
 * @param recordDistributionStrategy how records put to the stream are spread over its shards.
 */
public record StreamDescriptionSummary(
    String streamName, String streamARN, StreamStatus streamStatus, StreamModeDetails streamModeDetails,
    int retentionPeriodHours, Instant streamCreationTimestamp, List<EnhancedMetrics> enhancedMonitoring,
    EncryptionType encryptionType, String keyId, int openShardCount, int consumerCount,
    WarmThroughputObject warmThroughput, int maxRecordSizeInKiB,
    RecordDistributionStrategy recordDistributionStrategy) {
    /**
     * Copies the list.
     *
     * @param streamName                 see the class description.
     * @param streamARN                  see the class description.
     * @param streamStatus               see the class description.
     * @param streamModeDetails          see the class description.
     * @param retentionPeriodHours       see the class description.
     * @param streamCreationTimestamp    see the class description.
     * @param enhancedMonitoring         see the class description.
     * @param encryptionType             see the class description.
     * @param keyId                      see the class description.
     * @param openShardCount             see the class description.
     * @param consumerCount              see the class description.
     * @param warmThroughput             see the class description.
     * @param maxRecordSizeInKiB         see the class description.
     * @param recordDistributionStrategy see the class description.
     */
    public StreamDescriptionSummary {
        enhancedMonitoring = List.copyOf(enhancedMonitoring);
    }

    /**
     * This summary with another consumer count.
     *
     * @param count                      how many enhanced fan-out consumers the stream has.
     * @return a new summary.
     */
    public StreamDescriptionSummary withConsumerCount(final int count) {
        return new StreamDescriptionSummary(streamName, streamARN, streamStatus, streamModeDetails,
            retentionPeriodHours, streamCreationTimestamp, enhancedMonitoring, encryptionType, keyId, openShardCount,
            count, warmThroughput, maxRecordSizeInKiB, recordDistributionStrategy);
    }
}
