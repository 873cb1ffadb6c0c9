package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code ListStreamConsumers} returns.
 *
 * @param consumers the consumers on this page, by name.
 * @param nextToken the token for the next page, or null on the last page.
 */
public record ListStreamConsumersResult(List<Consumer> consumers, String nextToken) {
    /**
     * Copies the list.
     *
     * @param consumers see the class description.
     * @param nextToken see the class description.
     */
    public ListStreamConsumersResult {
        consumers = List.copyOf(consumers);
    }
}
