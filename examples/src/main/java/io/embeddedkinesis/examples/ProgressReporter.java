package io.embeddedkinesis.examples;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the clickstream demo's running counts and throughput, each time it runs (about once a second):
 * <pre>
 *   t=3s put 12647 (3793/s) read 12091 (3522/s) | put/read per shard 0: 3286/3087 1: ... | 3496 puts retried
 * </pre>
 *
 * <p>Runs on one thread at a time (a scheduled executor's).
 */
final class ProgressReporter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickstreamDemo.class);

    private final ClickstreamLedger ledger;
    private final long startNs;
    private long lastNs;
    private long lastProduced;
    private long lastConsumed;

    /**
     * @param ledger  the counts to report.
     * @param startNs when the run started, by {@link System#nanoTime()}.
     */
    ProgressReporter(final ClickstreamLedger ledger, final long startNs) {
        this.ledger = ledger;
        this.startNs = startNs;
        this.lastNs = startNs;
    }

    @Override
    public void run() {
        final long nowNs = System.nanoTime();
        final ClickstreamLedger.Progress progress = ledger.progress();
        final double seconds = Math.max(1e-3, (nowNs - lastNs) / 1e9);
        final StringBuilder line = new StringBuilder(160)
            .append("t=").append(Math.round((nowNs - startNs) / 1e9)).append("s")
            .append(" put ").append(progress.produced())
            .append(" (").append(Math.round((progress.produced() - lastProduced) / seconds)).append("/s)")
            .append(" read ").append(progress.consumed())
            .append(" (").append(Math.round((progress.consumed() - lastConsumed) / seconds)).append("/s)")
            .append(" | put/read per shard");
        for (final ClickstreamLedger.ShardProgress shard : progress.shards()) {
            line.append(' ').append(shortName(shard.shardId())).append(": ")
                .append(shard.produced()).append('/').append(shard.consumed());
        }
        line.append(" | ").append(progress.retriedPuts()).append(" puts retried");
        if (progress.throttledReads() > 0) {
            line.append(", ").append(progress.throttledReads()).append(" reads throttled");
        }
        LOG.info("{}", line);
        lastNs = nowNs;
        lastProduced = progress.produced();
        lastConsumed = progress.consumed();
    }

    /**
     * A shard's number without the padding: {@code shardId-000000000003} becomes {@code 3}.
     *
     * @param shardId the shard id.
     * @return the short name.
     */
    static String shortName(final String shardId) {
        return String.valueOf(Long.parseLong(shardId.substring(shardId.lastIndexOf('-') + 1)));
    }
}
