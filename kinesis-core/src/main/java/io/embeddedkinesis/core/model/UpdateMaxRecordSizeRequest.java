package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code UpdateMaxRecordSize}. As in Kinesis, the stream is named by its ARN only: the
 * operation has no {@code StreamName} member.
 *
 * @param streamARN          the stream's ARN.
 * @param maxRecordSizeInKiB the largest record (data and partition key) the stream takes from now on, in
 *                           KiB: 1024 to 10240.
 */
public record UpdateMaxRecordSizeRequest(String streamARN, Integer maxRecordSizeInKiB) {
}
