package io.embeddedkinesis.core.application;

/**
 * Base of the failures of a consumer application's own calls, named as the KCL names its exceptions
 * ({@code software.amazon.kinesis.exceptions}). Unchecked, unlike the KCL's: a processor catches the one
 * it can act on, typically {@link ShutdownException} from a checkpoint after its lease was lost.
 */
public abstract class KinesisClientLibException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed.
     */
    protected KinesisClientLibException(final String message) {
        super(message);
    }
}
