package io.embeddedkinesis.core.model;

import java.time.Instant;
import java.util.List;

/**
 * What {@code DescribeStream} returns, as in Kinesis's {@code StreamDescription}.
 *
 * @param streamName              the stream's name.
 * @param streamARN               the stream's ARN.
 * @param streamStatus            the stream's status.
 * @param streamModeDetails       the capacity mode.
 * @param shards                  one page of the stream's shards.
 * @param hasMoreShards           whether more shards follow this page.
 * @param retentionPeriodHours    how long records are kept.
 * @param streamCreationTimestamp when the stream was created.
 * @param enhancedMonitoring      the shard-level metrics enabled: one element, its list empty if none.
 * @param encryptionType          how records are encrypted at rest.
 * @param keyId                   the KMS key, or null.
 */
public record StreamDescription(
    String streamName, String streamARN, StreamStatus streamStatus, StreamModeDetails streamModeDetails,
    List<Shard> shards, boolean hasMoreShards, int retentionPeriodHours, Instant streamCreationTimestamp,
    List<EnhancedMetrics> enhancedMonitoring, EncryptionType encryptionType, String keyId) {

    /**
     * Copies the lists.
     *
     * @param streamName              see the class description.
     * @param streamARN               see the class description.
     * @param streamStatus            see the class description.
     * @param streamModeDetails       see the class description.
     * @param shards                  see the class description.
     * @param hasMoreShards           see the class description.
     * @param retentionPeriodHours    see the class description.
     * @param streamCreationTimestamp see the class description.
     * @param enhancedMonitoring      see the class description.
     * @param encryptionType          see the class description.
     * @param keyId                   see the class description.
     */
    public StreamDescription {
        shards = List.copyOf(shards);
        enhancedMonitoring = List.copyOf(enhancedMonitoring);
    }
}
