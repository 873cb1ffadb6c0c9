package io.embeddedkinesis.core.fanout;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The fan-out dispatcher's duty cycle: takes in new subscriptions, then gives each live subscription one
 * step ({@link SubscriptionSession#doWork(long)}), in the order they were made, and drops those that ended.
 * One pass reads the clock once, and allocates nothing unless it pushes an event.
 *
 * <p>Runs on one thread (see {@link ShardSubscriptions}); {@link #add} may be called from any thread.
 */
final class FanOutAgent implements Agent {
    private final EpochClock clock;
    private final SignalledIdleStrategy idle;
    private final Queue<SubscriptionSession> added = new ConcurrentLinkedQueue<>();
    private final List<SubscriptionSession> sessions = new ArrayList<>();

    FanOutAgent(final EpochClock clock, final SignalledIdleStrategy idle) {
        this.clock = clock;
        this.idle = idle;
    }

    /** Hands a subscription to the dispatcher, which starts serving it on its next pass. */
    void add(final SubscriptionSession session) {
        added.add(session);
        idle.signal();
    }

    @Override
    public int doWork() {
        idle.clearSignal();
        int work = 0;
        SubscriptionSession session;
        while ((session = added.poll()) != null) {
            sessions.add(session);
            work++;
        }
        if (sessions.isEmpty()) {
            return work;
        }
        final long nowMs = clock.time();
        for (int i = 0; i < sessions.size();) {
            final SubscriptionSession each = sessions.get(i);
            work += each.doWork(nowMs);
            if (each.isDone()) {
                sessions.remove(i);
            } else {
                i++;
            }
        }
        return work;
    }

    /** Completes every subscription still live: the broker is closing, and nothing more will come. */
    @Override
    public void onClose() {
        SubscriptionSession session;
        while ((session = added.poll()) != null) {
            sessions.add(session);
        }
        for (final SubscriptionSession each : sessions) {
            each.end();
        }
        sessions.clear();
    }

    @Override
    public String roleName() {
        return "kinesis-fanout";
    }
}
