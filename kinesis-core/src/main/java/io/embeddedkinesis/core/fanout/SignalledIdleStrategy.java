package io.embeddedkinesis.core.fanout;

import io.embeddedkinesis.core.shard.AppendSignal;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out dispatcher's idle strategy: spins, then yields, then parks for exponentially longer up to
 * {@value #MAX_PARK_NS} ns, like Agrona's {@code BackoffIdleStrategy}, except that a {@link #signal()} from
 * the write path ends a park at once. So a put reaches a subscriber within microseconds whether the
 * dispatcher was busy, spinning or asleep, and an idle dispatcher costs a wake-up per millisecond at most
 * (what the time-driven work needs: subscription lifetimes, read limits refilling, idle pushes).
 *
 * <p>The handshake has no lock: the writer sets {@code signalled}, then unparks the dispatcher only if it is
 * parked; the dispatcher sets {@code parked}, then parks only if nothing was signalled since its last pass
 * began ({@link #clearSignal()}). Both fields are volatile, so at least one side sees the other's write and
 * no signal is lost; a signal while the dispatcher works or spins costs the writer two volatile accesses.
 *
 * <p>Thread-safe for {@link #signal()}; the other methods belong to the dispatcher's thread.
 */
final class SignalledIdleStrategy implements IdleStrategy, AppendSignal {
    /** Duty cycles spent spinning after the last work: a few hundred microseconds. */
    private static final int MAX_SPINS = 2_000;
    /** Yields after spinning, which let a producer on the same core run. */
    private static final int MAX_YIELDS = 100;
    private static final long MIN_PARK_NS = 1_000L;
    private static final long MAX_PARK_NS = 1_000_000L;

    private volatile boolean signalled;
    private volatile boolean parked;
    private volatile Thread dispatcher;
    private int spins;
    private int yields;
    private long parkNs = MIN_PARK_NS;

    @Override
    public void signal() {
        signalled = true;
        if (parked) {
            LockSupport.unpark(dispatcher);
        }
    }

    /** Forgets earlier signals: called as a pass over the subscriptions begins, which sees their changes. */
    void clearSignal() {
        signalled = false;
    }

    @Override
    public void idle(final int workCount) {
        if (workCount > 0) {
            reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (spins < MAX_SPINS) {
            spins++;
            Thread.onSpinWait();
            return;
        }
        if (yields < MAX_YIELDS) {
            yields++;
            Thread.yield();
            return;
        }
        if (dispatcher == null) {
            dispatcher = Thread.currentThread();
        }
        parked = true;
        if (!signalled) {
            LockSupport.parkNanos(this, parkNs);
        }
        parked = false;
        if (signalled) {
            reset();
        } else {
            parkNs = Math.min(parkNs << 1, MAX_PARK_NS);
        }
    }

    @Override
    public void reset() {
        spins = 0;
        yields = 0;
        parkNs = MIN_PARK_NS;
    }

    @Override
    public String alias() {
        return "signalled-backoff";
    }
}
