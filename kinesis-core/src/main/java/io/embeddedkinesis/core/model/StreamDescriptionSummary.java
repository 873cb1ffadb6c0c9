package io.embeddedkinesis.core.model;

import java.time.Instant;

/**
 * What {@code DescribeStreamSummary} returns, as in Kinesis's {@code StreamDescriptionSummary}.
 *
 * @param streamName              the stream's name.
 * @param streamARN               the stream's ARN.
 * @param streamStatus            the stream's status.
 * @param streamModeDetails       the capacity mode.
 * @param retentionPeriodHours    how long records are kept.
 * @param streamCreationTimestamp when the stream was created.
 * @param encryptionType          how records are encrypted at rest.
 * @param keyId                   the KMS key, or null.
 * @param openShardCount          how many shards are open.
 * @param consumerCount           how many enhanced fan-out consumers are registered.
 * @param maxRecordSizeInKiB      the largest record (data and partition key) the stream takes, in KiB.
 */
public record StreamDescriptionSummary(
    String streamName, String streamARN, StreamStatus streamStatus, StreamModeDetails streamModeDetails,
    int retentionPeriodHours, Instant streamCreationTimestamp, EncryptionType encryptionType, String keyId,
    int openShardCount, int consumerCount, int maxRecordSizeInKiB) {
}
