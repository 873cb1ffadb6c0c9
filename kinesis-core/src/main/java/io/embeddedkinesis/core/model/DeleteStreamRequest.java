package io.embeddedkinesis.core.model;

/**
 * The parameters of {@code DeleteStream}.
 *
 * @param stream                  the stream, by name or ARN.
 * @param enforceConsumerDeletion whether to deregister the stream's consumers with it; unless true (null means
 *                                false), a stream with consumers is not deleted.
 */
public record DeleteStreamRequest(StreamRequest stream, Boolean enforceConsumerDeletion) {
    /**
     * Deletes a stream, unless it has consumers.
     *
     * @param streamNameOrArn the stream's name or ARN.
     * @return the request.
     */
    public static DeleteStreamRequest of(final String streamNameOrArn) {
        return new DeleteStreamRequest(StreamRequest.of(streamNameOrArn), null);
    }
}
