package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.agrona.concurrent.EpochClock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The {@link Context} of one invocation: a new request id, the function's name, ARN and log names as Lambda
 * forms them, version {@code $LATEST}, the remaining time counted down from the configured timeout on the
 * broker's clock, and a logger on SLF4J. There is no Cognito identity or client context, as for every
 * invocation by an event source mapping.
 *
 * <p>Immutable apart from the clock it reads; the function may use it from any thread.
 */
final class LambdaContext implements Context {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd")
        .withZone(ZoneOffset.UTC);

    private final FunctionIdentity function;
    private final EpochClock clock;
    private final long startMs;
    private final String requestId = UUID.randomUUID().toString();

    LambdaContext(final FunctionIdentity function, final EpochClock clock) {
        this.function = function;
        this.clock = clock;
        this.startMs = clock.time();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
        return LOG_STREAM_DATE.format(Instant.ofEpochMilli(startMs)) + "/[$LATEST]" + function.instanceId();
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        final long remaining = function.timeoutSeconds() * 1000L - (clock.time() - startMs);
        return (int) Math.max(0, remaining);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeInMB();
    }

    @Override
    public LambdaLogger getLogger() {
        return function.logger();
    }
}
