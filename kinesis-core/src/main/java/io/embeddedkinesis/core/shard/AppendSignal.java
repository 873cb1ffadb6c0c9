package io.embeddedkinesis.core.shard;

/**
 * Wakes a reader that waits for a shard to change: records appended, the shard closed by a split or merge,
 * or its log closed because the shard expired or its stream was deleted. Push subscriptions
 * ({@code SubscribeToShard}) wait on it instead of polling the log on a timer.
 *
 * <p>Called on the writer's thread, right after the change: an implementation must be cheap, must not block,
 * and must not throw.
 */
@FunctionalInterface
public interface AppendSignal {
    /**
     * Says that the shard changed.
     */
    void signal();
}
