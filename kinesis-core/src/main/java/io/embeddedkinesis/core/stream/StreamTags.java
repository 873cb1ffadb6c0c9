package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.AddTagsToStreamRequest;
import io.embeddedkinesis.core.model.ListTagsForResourceRequest;
import io.embeddedkinesis.core.model.ListTagsForResourceResult;
import io.embeddedkinesis.core.model.ListTagsForStreamRequest;
import io.embeddedkinesis.core.model.ListTagsForStreamResult;
import io.embeddedkinesis.core.model.RemoveTagsFromStreamRequest;
import io.embeddedkinesis.core.model.Tag;
import io.embeddedkinesis.core.model.TagResourceRequest;
import io.embeddedkinesis.core.model.UntagResourceRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tagging: {@code AddTagsToStream}, {@code RemoveTagsFromStream} and {@code ListTagsForStream} by stream
 * name or ARN, and {@code TagResource}, {@code UntagResource} and {@code ListTagsForResource} by resource
 * ARN, with Kinesis's rules (see {@link TagValidator}).
 *
 * <p>The resource ARNs Kinesis accepts name a stream or one of its enhanced fan-out consumers. A consumer's
 * tags follow the same rules as a stream's and are kept with the consumer, by {@link ConsumerTags}.
 *
 * <p>Thread-safe: stream tags are persisted with the stream's metadata, and changes are serialized by the
 * registry's lock; consumer tags likewise by the consumers' registry.
 */
public final class StreamTags {
    private final StreamRegistry registry;
    private final ConsumerTags consumers;
    private final String accountId;

    /**
     * @param registry  the streams.
     * @param consumers the tags of the streams' consumers.
     */
    public StreamTags(final StreamRegistry registry, final ConsumerTags consumers) {
        this.registry = registry;
        this.consumers = consumers;
        this.accountId = registry.config().accountId();
    }

    /**
     * Adds the model's checks of a tag map to a request's checks, as for a stream's tags: 1 to 200 entries,
     * keys of 1 to 128 characters, values of up to 256.
     *
     * @param errors   the request's checks so far.
     * @param tags     the tags, or null if absent.
     * @param required whether absence is an error.
     * @return {@code errors}, for chaining.
     */
    public static ValidationErrors checkTagMap(final ValidationErrors errors, final Map<String, String> tags,
        final boolean required) {
        return TagValidator.checkTagMap(errors, tags, required);
    }

    /**
     * The tags a consumer registered with tags starts with, after the service's rules for added tags.
     *
     * @param consumerName the consumer's name, for messages.
     * @param accountId    the account, for messages.
     * @param tags         the tags, already through {@link #checkTagMap}.
     * @return the tags.
     * @throws InvalidArgumentException if a rule is broken.
     */
    public static Map<String, String> initialConsumerTags(final String consumerName, final String accountId,
        final Map<String, String> tags) {
        return Stream.sortedCopy(TagValidator.added(TagValidator.CONSUMER, consumerName, accountId, Map.of(), tags));
    }

    /**
     * Adds tags to a stream, or gives existing keys new values.
     *
     * @param request the stream and the tags.
     */
    public void addTagsToStream(final AddTagsToStreamRequest request) {
        final ValidationErrors errors = TagValidator.checkTagMap(new ValidationErrors(), request.tags(), true);
        StreamRegistry.check(errors, request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
        add(registry.find(request.stream()), request.tags());
    }

    /**
     * Removes tags from a stream by key.
     *
     * @param request the stream and the keys.
     */
    public void removeTagsFromStream(final RemoveTagsFromStreamRequest request) {
        final ValidationErrors errors = TagValidator.checkTagKeys(new ValidationErrors(), request.tagKeys());
        StreamRegistry.check(errors, request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
        remove(registry.find(request.stream()), request.tagKeys());
    }

    /**
     * Lists a stream's tags by key, a page at a time.
     *
     * @param request the stream and the page.
     * @return the tags on the page.
     */
    public ListTagsForStreamResult listTagsForStream(final ListTagsForStreamRequest request) {
        final Integer limit = request.limit();
        final String after = request.exclusiveStartTagKey();
        final ValidationErrors errors = new ValidationErrors()
            .number("limit", limit == null ? null : limit.longValue(), false, 1, TagValidator.MAX_TAGS_PER_STREAM)
            .string("exclusiveStartTagKey", after, false, null, null, 1, TagValidator.MAX_KEY_LENGTH);
        StreamRegistry.check(errors, request.stream()).throwIfAny();
        StreamRegistry.validate(request.stream());
        final Stream stream = registry.find(request.stream());
        final int pageSize = limit == null ? TagValidator.MAX_TAGS_PER_STREAM : limit;
        final List<Tag> page = new ArrayList<>();
        boolean more = false;
        for (final Map.Entry<String, String> tag : stream.tags().entrySet()) {
            if (after != null && tag.getKey().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(new Tag(tag.getKey(), tag.getValue()));
        }
        return new ListTagsForStreamResult(page, more);
    }

    /**
     * Adds tags to a resource named by ARN, or gives existing keys new values.
     *
     * @param request the resource and the tags.
     */
    public void tagResource(final TagResourceRequest request) {
        final ValidationErrors errors = TagValidator.checkTagMap(new ValidationErrors(), request.tags(), true);
        ResourceArns.check(errors, request.resourceARN()).throwIfAny();
        final String consumerName = ResourceArns.consumerName(request.resourceARN());
        if (consumerName != null) {
            consumers.updateTags(request.resourceARN(), current -> TagValidator.added(TagValidator.CONSUMER,
                consumerName, accountId, current, request.tags()));
            return;
        }
        add(streamOf(request.resourceARN()), request.tags());
    }

    /**
     * Removes tags from a resource named by ARN.
     *
     * @param request the resource and the keys.
     */
    public void untagResource(final UntagResourceRequest request) {
        final ValidationErrors errors = TagValidator.checkTagKeys(new ValidationErrors(), request.tagKeys());
        ResourceArns.check(errors, request.resourceARN()).throwIfAny();
        final String consumerName = ResourceArns.consumerName(request.resourceARN());
        if (consumerName != null) {
            consumers.updateTags(request.resourceARN(), current -> TagValidator.removed(TagValidator.CONSUMER,
                consumerName, accountId, current, request.tagKeys()));
            return;
        }
        remove(streamOf(request.resourceARN()), request.tagKeys());
    }

    /**
     * Lists every tag of a resource named by ARN.
     *
     * @param request the resource.
     * @return its tags by key.
     */
    public ListTagsForResourceResult listTagsForResource(final ListTagsForResourceRequest request) {
        ResourceArns.check(new ValidationErrors(), request.resourceARN()).throwIfAny();
        final Map<String, String> found = ResourceArns.consumerName(request.resourceARN()) != null
            ? consumers.tagsOf(request.resourceARN()) : streamOf(request.resourceARN()).tags();
        final List<Tag> tags = new ArrayList<>();
        found.forEach((key, value) -> tags.add(new Tag(key, value)));
        return new ListTagsForResourceResult(tags);
    }

    private void add(final Stream stream, final Map<String, String> tags) {
        registry.updateTags(stream, current -> TagValidator.added(stream.streamName(), accountId, current, tags));
    }

    private void remove(final Stream stream, final List<String> keys) {
        registry.updateTags(stream, current -> TagValidator.removed(stream.streamName(), accountId, current, keys));
    }

    private Stream streamOf(final String resourceArn) {
        return ResourceArns.streamOf(registry, resourceArn);
    }
}
