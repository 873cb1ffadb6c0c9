package io.embeddedkinesis.server.auth;

/**
 * A request refused for its credentials, with the error AWS answers: its name (e.g.
 * {@code InvalidSignatureException}), message and HTTP status.
 */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorType;
    private final int status;

    /**
     * @param errorType the AWS error name.
     * @param message   the AWS message.
     * @param status    the HTTP status.
     */
    public AuthenticationException(final String errorType, final String message, final int status) {
        super(message);
        this.errorType = errorType;
        this.status = status;
    }

    /**
     * The AWS error name.
     *
     * @return e.g. {@code UnrecognizedClientException}.
     */
    public String errorType() {
        return errorType;
    }

    /**
     * The HTTP status.
     *
     * @return e.g. 400 or 403.
     */
    public int status() {
        return status;
    }
}
