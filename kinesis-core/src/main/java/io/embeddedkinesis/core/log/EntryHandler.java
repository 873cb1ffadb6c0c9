package io.embeddedkinesis.core.log;

/**
 * Receives entries from {@link ShardLog#read}, one at a time, in log order.
 */
@FunctionalInterface
public interface EntryHandler {
    /**
     * Called for each entry the read reaches.
     *
     * @param entry a view of the entry, valid only during this call.
     * @return true to take the entry and go on; false to stop before it, leaving it unread, e.g. when it
     *         would exceed the caller's byte budget.
     */
    boolean onEntry(LogEntry entry);
}
