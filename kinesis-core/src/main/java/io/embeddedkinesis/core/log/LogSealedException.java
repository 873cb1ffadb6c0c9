package io.embeddedkinesis.core.log;

/**
 * Thrown by {@link ShardLog#append} on a sealed log: its shard was closed by a split or merge after the
 * caller routed a record to it. The caller routes the record again, to the shard that now owns its key.
 */
public final class LogSealedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message says which log.
     */
    public LogSealedException(final String message) {
        super(message);
    }
}
