package io.embeddedkinesis.core.model;

import java.util.List;

/**
 * What {@code ListStreams} returns.
 *
 * @param streamNames     the names on this page, in ascending order.
 * @param hasMoreStreams  whether more streams follow.
 * @param nextToken       the token for the next page, or null on the last page.
 * @param streamSummaries a summary of each stream on this page.
 */
public record ListStreamsResult(
    List<String> streamNames, boolean hasMoreStreams, String nextToken, List<StreamSummary> streamSummaries) {
    /**
     * Copies the lists.
     *
     * @param streamNames     see the class description.
     * @param hasMoreStreams  see the class description.
     * @param nextToken       see the class description.
     * @param streamSummaries see the class description.
     */
    public ListStreamsResult {
        streamNames = List.copyOf(streamNames);
        streamSummaries = List.copyOf(streamSummaries);
    }
}
