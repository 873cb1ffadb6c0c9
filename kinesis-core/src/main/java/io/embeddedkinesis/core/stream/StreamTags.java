package io.embeddedkinesis.core.stream;

import io.embeddedkinesis.core.exception.InvalidArgumentException;
import io.embeddedkinesis.core.exception.ResourceNotFoundException;
import io.embeddedkinesis.core.exception.ValidationErrors;
import io.embeddedkinesis.core.model.AddTagsToStreamRequest;
import io.embeddedkinesis.core.model.ListTagsForResourceRequest;
import io.embeddedkinesis.core.model.ListTagsForResourceResult;
import io.embeddedkinesis.core.model.ListTagsForStreamRequest;
import io.embeddedkinesis.core.model.ListTagsForStreamResult;
import io.embeddedkinesis.core.model.RemoveTagsFromStreamRequest;
import io.embeddedkinesis.core.model.StreamRequest;
import io.embeddedkinesis.core.model.Tag;
import io.embeddedkinesis.core.model.TagResourceRequest;
import io.embeddedkinesis.core.model.UntagResourceRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tagging: {@code AddTagsToStream}, {@code RemoveTagsFromStream} and {@code ListTagsForStream} by stream
 * name or ARN, and {@code TagResource}, {@code UntagResource} and {@code ListTagsForResource} by resource
 * ARN, with Kinesis's rules (see {@link TagValidator}).
 *
 * <p>The resource ARNs Kinesis accepts name a stream or one of its consumers. This broker has no
 * consumers yet, so a well-formed consumer ARN names nothing and is answered as a missing resource.
 *
 * <p>Thread-safe: tags are persisted with the stream's metadata, and changes are serialized by the
 * registry's lock.
 */
public final class StreamTags {
    /** The consumer ARNs of the Kinesis model: {@code <stream ARN>/consumer/<name>:<creation epoch seconds>}. */
    private static final Pattern CONSUMER_ARN = Pattern.compile(
        "arn:aws[^:]*:kinesis:[^:]*:\\d{12}:stream/([a-zA-Z0-9_.-]+)/consumer/([a-zA-Z0-9_.-]+):(\\d+)");

    private final StreamRegistry registry;
    private final String accountId;

    /**
     * @param registry the streams.
     */
    public StreamTags(final StreamRegistry registry) {
        this.registry = registry;
        this.accountId = registry.config().accountId();
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
        checkResourceArn(errors, request.resourceARN()).throwIfAny();
        add(streamOf(request.resourceARN()), request.tags());
    }

    /**
     * Removes tags from a resource named by ARN.
     *
     * @param request the resource and the keys.
     */
    public void untagResource(final UntagResourceRequest request) {
        final ValidationErrors errors = TagValidator.checkTagKeys(new ValidationErrors(), request.tagKeys());
        checkResourceArn(errors, request.resourceARN()).throwIfAny();
        remove(streamOf(request.resourceARN()), request.tagKeys());
    }

    /**
     * Lists every tag of a resource named by ARN.
     *
     * @param request the resource.
     * @return its tags by key.
     */
    public ListTagsForResourceResult listTagsForResource(final ListTagsForResourceRequest request) {
        checkResourceArn(new ValidationErrors(), request.resourceARN()).throwIfAny();
        final List<Tag> tags = new ArrayList<>();
        streamOf(request.resourceARN()).tags().forEach((key, value) -> tags.add(new Tag(key, value)));
        return new ListTagsForResourceResult(tags);
    }

    private void add(final Stream stream, final Map<String, String> tags) {
        registry.updateTags(stream, current -> TagValidator.added(stream.streamName(), accountId, current, tags));
    }

    private void remove(final Stream stream, final List<String> keys) {
        registry.updateTags(stream, current -> TagValidator.removed(stream.streamName(), accountId, current, keys));
    }

    private static ValidationErrors checkResourceArn(final ValidationErrors errors, final String resourceArn) {
        return errors.string("resourceARN", resourceArn, true, RequestPatterns.RESOURCE_ARN,
            RequestPatterns.RESOURCE_ARN_TEXT, 1, 2048);
    }

    /**
     * The stream a valid resource ARN names. The Kinesis texts for a missing consumer and for an ARN of
     * another kind were not found; these are the closest in style to the service's other messages (the
     * consumer one follows AWS's "Consumer {name} with creation timestamp {ts} under stream {s} and
     * account {a} is not in ACTIVE status.").
     */
    private Stream streamOf(final String resourceArn) {
        final Matcher consumer = CONSUMER_ARN.matcher(resourceArn);
        if (consumer.matches()) {
            final Stream stream = registry.find(
                new StreamRequest(null, resourceArn.substring(0, resourceArn.indexOf("/consumer/"))));
            throw new ResourceNotFoundException("Consumer " + consumer.group(2) + " with creation timestamp "
                + consumer.group(3) + " under stream " + stream.streamName() + " and account " + accountId
                + " not found.");
        }
        if (!RequestPatterns.STREAM_ARN.matcher(resourceArn).matches()) {
            throw new InvalidArgumentException("ResourceARN " + resourceArn
                + " does not name a Kinesis stream or consumer.");
        }
        return registry.find(new StreamRequest(null, resourceArn));
    }
}
