package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code ListTagsForResource} returns: every tag of the resource, unpaged.
 *
 * @param tags the tags, by key in ascending order.
 */
public record ListTagsForResourceResult(List<Tag> tags) {
    /**
     * Copies the list.
     *
     * @param tags see the class description.
     */
    public ListTagsForResourceResult {
        tags = List.copyOf(tags);
    }
}
