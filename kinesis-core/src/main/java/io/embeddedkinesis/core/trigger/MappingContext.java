package io.embeddedkinesis.core.trigger;

import org.agrona.concurrent.EpochClock;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every shard of one event source mapping shares.
 *
 * @param config         the mapping's settings.
 * @param events         builds events and estimates their size.
 * @param invoker        invokes the function.
 * @param executor       where invocations run.
 * @param destination    where discarded batches are reported.
 * @param clock          the broker's clock.
 * @param maxRecordAgeMs the age past which records are discarded: {@code MaximumRecordAgeInSeconds}, or the
 *                       stream's retention period when that is -1.
 * @param invocations    how many invocations were started, for {@code doWork()}'s work count.
 */
record MappingContext(EventSourceMappingConfig config, KinesisEvents events, FunctionInvoker invoker,
    Executor executor, FailureDestination destination, EpochClock clock, long maxRecordAgeMs,
    AtomicLong invocations) {
    void onError(final Throwable error) {
        config.errorHandler().onError(error);
    }
}
