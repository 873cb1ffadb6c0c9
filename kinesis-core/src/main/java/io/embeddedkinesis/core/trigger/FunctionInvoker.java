package io.embeddedkinesis.core.trigger;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Invokes the user's {@link RequestHandler} as Lambda invokes a function synchronously: builds the event in
 * the class the handler takes, runs it with a fresh {@link LambdaContext}, and reads the response into an
 * {@link InvocationOutcome}. Anything the handler throws is a function error ({@code Unhandled}), as Lambda
 * reports it; a {@link VirtualMachineError} other than a stack overflow is rethrown after that, since the
 * JVM may not recover from it.
 *
 * <p>A handler declared for {@link KinesisTimeWindowEvent} gets that class even without windows, as Lambda's
 * Java runtime would deserialize the event into it; one whose input type cannot be seen (a lambda
 * expression) gets it too, which every {@code KinesisEvent} handler accepts. Thread-safe; the handler is
 * called from as many threads at once as batches run at once.
 */
final class FunctionInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionInvoker.class);

    private final RequestHandler<? super KinesisTimeWindowEvent, ?> handler;
    private final FunctionIdentity function;
    private final KinesisEvents events;
    private final EpochClock clock;
    private final long windowSizeMs;
    private final boolean reportBatchItemFailures;
    private final boolean windowEvents;

    FunctionInvoker(final RequestHandler<? super KinesisTimeWindowEvent, ?> handler, final FunctionIdentity function,
        final KinesisEvents events, final EpochClock clock, final EventSourceMappingConfig config) {
        this.handler = handler;
        this.function = function;
        this.events = events;
        this.clock = clock;
        this.windowSizeMs = config.tumblingWindowInSeconds() * 1000L;
        this.reportBatchItemFailures = config.reportBatchItemFailures();
        this.windowEvents = windowSizeMs > 0 || !acceptsPlainEvents(handler.getClass());
    }

    FunctionIdentity function() {
        return function;
    }

    /** The event for a batch, built on the caller's thread so that it captures the window state as it is now. */
    KinesisEvent event(final String shardId, final Batch batch, final Map<String, String> state) {
        return windowEvents ? events.windowEvent(shardId, batch, windowSizeMs, state)
            : events.event(shardId, batch.records());
    }

    /**
     * Runs the function on the calling thread, reads its response, and completes the batch with the outcome
     * whatever happens, so its lane never waits on an invocation that ended abruptly.
     */
    void invoke(final String shardId, final Batch batch, final KinesisEvent event) {
        InvocationOutcome outcome = null;
        try {
            outcome = outcome(shardId, batch, event);
        } finally {
            batch.complete(outcome != null ? outcome
                : new InvocationOutcome.Failed("Unhandled", "the invocation ended abruptly"));
        }
    }

    private InvocationOutcome outcome(final String shardId, final Batch batch, final KinesisEvent event) {
        final Object response;
        try {
            response = call(event);
        } catch (final StackOverflowError error) {
            // The handler's stack has unwound, so the JVM is fine: a function error like any other.
            return unhandled(shardId, batch, error);
        } catch (final VirtualMachineError error) {
            // Out of memory, or worse: the JVM may not recover, so the error goes on to the invoking thread
            // once invoke() has completed the batch as failed.
            throw error;
        } catch (final Throwable error) {
            return unhandled(shardId, batch, error);
        }
        if (batch.isFinal()) {
            // The state of a finished window is dropped, so a final response needs none.
            return new InvocationOutcome.Succeeded(null);
        }
        final InvocationOutcome outcome = ResponseReader.read(response, batch.records(), reportBatchItemFailures,
            windowSizeMs > 0);
        if (outcome instanceof InvocationOutcome.Failed failed) {
            LOG.warn("Function {} failed on {} records of {}: {}", function.name(), batch.records().size(), shardId,
                failed.reason());
        }
        return outcome;
    }

    private InvocationOutcome unhandled(final String shardId, final Batch batch, final Throwable error) {
        LOG.warn("Function {} failed on {} records of {}", function.name(), batch.records().size(), shardId, error);
        return new InvocationOutcome.Failed("Unhandled", error.toString());
    }

    @SuppressWarnings("unchecked")
    private Object call(final KinesisEvent event) {
        // The event is a KinesisTimeWindowEvent whenever the handler may need one; see the class description.
        return ((RequestHandler<KinesisEvent, ?>) handler).handleRequest(event, new LambdaContext(function, clock));
    }

    /** Whether the handler's declared input type takes a plain {@link KinesisEvent}. */
    static boolean acceptsPlainEvents(final Class<?> handlerClass) {
        for (Class<?> type = handlerClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (final Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                    && parameterized.getRawType() == RequestHandler.class) {
                    final Type input = parameterized.getActualTypeArguments()[0];
                    return input instanceof Class<?> inputClass && inputClass.isAssignableFrom(KinesisEvent.class);
                }
            }
        }
        return false;
    }
}
