package io.embeddedkinesis.core.stream;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The tags of enhanced fan-out consumers, which {@code TagResource}, {@code UntagResource} and
 * {@code ListTagsForResource} reach by consumer ARN. The consumers' own registry keeps them, with the
 * consumers; {@link StreamTags} applies the tagging rules to them as to a stream's.
 */
public interface ConsumerTags {
    /**
     * A consumer's tags.
     *
     * @param consumerArn a well-formed consumer ARN.
     * @return the tags by key, in ascending order.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream or the consumer does
     *                                                                    not exist.
     */
    Map<String, String> tagsOf(String consumerArn);

    /**
     * Changes a consumer's tags and persists them, serialized with every other change to consumers.
     *
     * @param consumerArn a well-formed consumer ARN.
     * @param change      the new tags given the current ones; it may throw to refuse the change.
     * @throws io.embeddedkinesis.core.exception.ResourceNotFoundException if the stream or the consumer does
     *                                                                    not exist.
     */
    void updateTags(String consumerArn, UnaryOperator<Map<String, String>> change);
}
