package io.embeddedkinesis.core.model;

/**
 * Names the stream an operation is about, by name or by ARN, as every stream-addressed Kinesis
 * operation does ({@code StreamName} and/or {@code StreamARN}). Used as is by {@code DeleteStream} and
 * {@code DescribeStreamSummary}.
 *
 * @param streamName the stream's name, or null.
 * @param streamARN  the stream's ARN, or null; if both are given they must name the same stream.
 */
public record StreamRequest(String streamName, String streamARN) {
    /**
     * Names a stream by a string that is either its ARN ({@code arn:...}) or its name.
     *
     * @param streamNameOrArn the name or the ARN.
     * @return the request.
     */
    public static StreamRequest of(final String streamNameOrArn) {
        return streamNameOrArn != null && streamNameOrArn.startsWith("arn:")
            ? new StreamRequest(null, streamNameOrArn)
            : new StreamRequest(streamNameOrArn, null);
    }
}
