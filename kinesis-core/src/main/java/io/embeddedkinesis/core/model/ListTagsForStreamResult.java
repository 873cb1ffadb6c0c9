package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code ListTagsForStream} returns.
 *
 * @param tags        the tags on this page, by key in ascending order.
 * @param hasMoreTags whether more tags follow; ask for them with the last key as
 *                    {@code ExclusiveStartTagKey}.
 */
public record ListTagsForStreamResult(List<Tag> tags, boolean hasMoreTags) {
    /**
     * Copies the list.
     *
     * @param tags        see the class description.
     * @param hasMoreTags see the class description.
     */
    public ListTagsForStreamResult {
        tags = List.copyOf(tags);
    }
}
