package io.embeddedkinesis.core.log;

/**
 * Thrown by a {@link ShardLog} used after it was closed: its stream was deleted, or its broker closed,
 * while a caller still held it. Callers that can race with deletion turn it into the Kinesis error for
 * a missing resource.
 */
public final class LogClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message says which log.
     */
    public LogClosedException(final String message) {
        super(message);
    }
}
