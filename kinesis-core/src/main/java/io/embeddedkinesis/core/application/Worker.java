package io.embeddedkinesis.core.application;

import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One worker of a consumer application, as a KCL scheduler is: it syncs shards into leases, renews the
 * leases it holds, takes expired leases or steals from the most loaded worker, and runs a
 * {@link ShardRecordProcessor} per held lease. All of it happens in {@link #doWork()}, on the thread that
 * calls it, at the times the broker's clock says are due:
 * <ul>
 *   <li>shard sync: at the first call, then every {@code shardSyncIntervalMillis};</li>
 *   <li>renewal: every third of {@code failoverTimeMillis}; a lease whose renewal fails was taken by
 *       another worker, and its processor gets {@code leaseLost}. A started worker renews on a thread of its
 *       own instead ({@link LeaseRenewer}), as the KCL does, so that a slow {@code processRecords} does not
 *       cost it its leases;</li>
 *   <li>taking: at the first call, then every {@code failoverTimeMillis}.</li>
 * </ul>
 * A test drives workers by calling {@code doWork()} and moving the clock; {@link ConsumerApplication#startWorker}
 * runs one on its own thread under an Agrona {@code AgentRunner}, whose closing shuts it down gracefully.
 *
 * <p>Not thread-safe, except {@link #requestShutdown()}, {@link #isShutdown()}, {@link #heldShardIds()} and
 * the renewal of its leases: one thread drives it.
 */
public final class Worker implements Agent {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** Where the worker is in its life. */
    public enum State {
        /** Processing, renewing and taking leases. */
        RUNNING,
        /** Shut down gracefully: processors got {@code shutdownRequested} and the leases were released. */
        SHUT_DOWN,
        /** Stopped at once, as if its process died: its leases expire for other workers to take. */
        HALTED
    }

    private final ApplicationContext context;
    private final String workerId;
    private final LeaseTaker taker;
    private final ShardSyncer syncer;
    private final Map<String, ShardConsumer> consumers = new TreeMap<>();
    private volatile State state = State.RUNNING;
    private volatile boolean shutdownRequested;
    private volatile boolean haltOnClose;
    private volatile List<String> heldShardIds = List.of();
    private volatile List<HeldLease> heldLeases = List.of();
    private volatile boolean renewedElsewhere;
    private boolean started;
    private long nextSyncMs;
    private long nextRenewalMs;
    private long nextTakeMs;

    Worker(final ApplicationContext context, final String workerId) {
        this.context = context;
        this.workerId = workerId;
        this.taker = new LeaseTaker(workerId, context.config().failoverTimeMillis(),
            context.config().maxLeasesToStealAtOneTime());
        this.syncer = new ShardSyncer(context);
    }

    /**
     * The worker's id, the {@code leaseOwner} of its leases.
     *
     * @return the id.
     */
    public String workerId() {
        return workerId;
    }

    /**
     * Where the worker is in its life.
     *
     * @return the state.
     */
    public State state() {
        return state;
    }

    /**
     * Whether the worker stopped, gracefully or not.
     *
     * @return true once shut down or halted.
     */
    public boolean isShutdown() {
        return state != State.RUNNING;
    }

    /**
     * The shards whose leases the worker holds, as of its last duty cycle.
     *
     * @return shard ids, in order.
     */
    public List<String> heldShardIds() {
        return heldShardIds;
    }

    /**
     * Asks the worker to shut down gracefully at its next duty cycle; callable from any thread.
     */
    public void requestShutdown() {
        shutdownRequested = true;
    }

    @Override
    public int doWork() {
        if (state != State.RUNNING) {
            return 0;
        }
        if (shutdownRequested) {
            shutdown();
            return 1;
        }
        final long nowMs = context.clock().time();
        int work = 0;
        if (!started || nowMs >= nextSyncMs) {
            nextSyncMs = nowMs + context.config().shardSyncIntervalMillis();
            try {
                work += 1 + syncer.sync();
            } catch (final RuntimeException ex) {
                // E.g. the stream is gone; the next sync tries again, and held leases carry on meanwhile.
                context.onError(ex);
            }
        }
        if (started && nowMs >= nextRenewalMs && !renewedElsewhere) {
            renewHeldLeases();
            work += runLostLeases();
            nextRenewalMs = nowMs + context.config().failoverTimeMillis() / 3;
        }
        if (!started || nowMs >= nextTakeMs) {
            work += takeLeases(nowMs);
            nextTakeMs = nowMs + context.config().failoverTimeMillis();
            publishHeldShardIds();   // before the processors run: a renewer keeps new leases while they do
        }
        if (!started) {
            started = true;
            nextRenewalMs = nowMs + context.config().failoverTimeMillis() / 3;
        }
        work += runConsumers(nowMs);
        publishHeldShardIds();
        return work;
    }

    /**
     * Renews every lease the worker held at its last publication; a lease whose renewal fails is lost, and
     * its processor gets {@code leaseLost} on the worker's next duty cycle. Called on the worker's thread
     * when it is driven, and on its {@link LeaseRenewer}'s thread when it was started, so that a processor
     * busy longer than the failover time does not lose its lease, as the KCL renews on a thread of its own.
     *
     * @return the number of leases renewed.
     */
    int renewHeldLeases() {
        int renewed = 0;
        for (final HeldLease held : heldLeases) {
            if (held.isLost()) {
                continue;
            }
            if (held.renew()) {
                renewed++;
            } else {
                LOG.info("Worker {} lost the lease of {}", workerId, held.lease().leaseKey());
            }
        }
        return renewed;
    }

    /** Tells the processors of lost leases, on the worker's thread. */
    private int runLostLeases() {
        int work = 0;
        for (final ShardConsumer consumer : consumers.values()) {
            if (consumer.held().isLost() && consumer.state() != ShardConsumer.State.SHUT_DOWN) {
                work += consumer.leaseLost();
            }
        }
        removeFinished();
        return work;
    }

    /** From now on a {@link LeaseRenewer} on another thread renews this worker's leases. */
    void renewedElsewhere() {
        renewedElsewhere = true;
    }

    private int takeLeases(final long nowMs) {
        int taken = 0;
        for (final Lease lease : taker.chooseLeasesToTake(context.table().list(), consumers.keySet(), nowMs)) {
            final Lease mine = lease.takenBy(workerId);
            if (context.table().replace(lease, mine)) {
                LOG.info("Worker {} took the lease of {} ({})", workerId, lease.leaseKey(),
                    lease.leaseOwner() == null ? "free" : "from " + lease.leaseOwner());
                consumers.put(lease.leaseKey(), new ShardConsumer(context, new HeldLease(context.table(), mine)));
                taken++;
            }
        }
        return taken;
    }

    private int runConsumers(final long nowMs) {
        int work = 0;
        for (final ShardConsumer consumer : consumers.values()) {
            if (consumer.held().isLost() && consumer.state() != ShardConsumer.State.SHUT_DOWN) {
                work += consumer.leaseLost();
                continue;
            }
            try {
                work += consumer.doWork(nowMs);
            } catch (final RuntimeException ex) {
                context.onError(ex);
            }
            if (consumer.state() == ShardConsumer.State.SHARD_ENDED) {
                // Done for good: free it so that nobody counts it as theirs.
                consumer.held().update(Lease::released);
            }
        }
        removeFinished();
        return work;
    }

    private void removeFinished() {
        final Iterator<ShardConsumer> iterator = consumers.values().iterator();
        while (iterator.hasNext()) {
            final ShardConsumer.State consumerState = iterator.next().state();
            if (consumerState == ShardConsumer.State.SHARD_ENDED || consumerState == ShardConsumer.State.SHUT_DOWN) {
                iterator.remove();
            }
        }
    }

    private void publishHeldShardIds() {
        heldShardIds = List.copyOf(new ArrayList<>(consumers.keySet()));
        final List<HeldLease> held = new ArrayList<>(consumers.size());
        for (final ShardConsumer consumer : consumers.values()) {
            held.add(consumer.held());
        }
        heldLeases = List.copyOf(held);
    }

    /**
     * Shuts down gracefully now, on the calling thread: every processor gets {@code shutdownRequested} and
     * may checkpoint, then the leases are released for other workers to take at once. Idempotent.
     */
    public void shutdown() {
        if (state != State.RUNNING) {
            return;
        }
        for (final ShardConsumer consumer : consumers.values()) {
            if (consumer.held().isLost()) {
                consumer.leaseLost();   // another worker has it already: nothing to checkpoint or release
                continue;
            }
            consumer.shutdownRequested();
            consumer.held().update(Lease::released);
        }
        consumers.clear();
        publishHeldShardIds();
        state = State.SHUT_DOWN;
        LOG.info("Worker {} of application {} shut down", workerId, context.config().applicationName());
    }

    /**
     * Stops now, on the calling thread, as if the process died: no callback, no lease released; other
     * workers take the leases once they expire. Idempotent.
     */
    public void halt() {
        if (state != State.RUNNING) {
            return;
        }
        consumers.values().forEach(ShardConsumer::halt);
        consumers.clear();
        publishHeldShardIds();
        state = State.HALTED;
    }

    /** Makes the runner's closing a halt rather than a graceful shutdown; callable from any thread. */
    void haltOnClose() {
        haltOnClose = true;
    }

    /** The runner closes: a graceful shutdown, or a halt if asked for. */
    @Override
    public void onClose() {
        if (haltOnClose) {
            halt();
        } else {
            shutdown();
        }
    }

    @Override
    public String roleName() {
        return "consumer-" + context.config().applicationName() + "-" + workerId;
    }
}
