package io.embeddedkinesis.examples;

import io.embeddedkinesis.core.KinesisBroker;
import io.embeddedkinesis.core.trigger.EventSourceMapping;
import io.embeddedkinesis.core.trigger.EventSourceMappingConfig;
import io.embeddedkinesis.core.trigger.EventSourcePosition;
import io.embeddedkinesis.core.trigger.FunctionResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The trading platform: trades are put into stream {@value #STREAM_NAME}, and a Lambda-style trigger runs
 * the platform's unchanged Lambda function, {@link VwapFunction}, on them with
 * {@value #WINDOW_SECONDS}-second tumbling windows. At the end of each window the function writes every
 * symbol's trade count, volume and volume-weighted average price to the {@link DashboardTable}, which the
 * program prints once the last window is done. It exits with status 0 if every trade is on the dashboard
 * exactly once.
 *
 * <p>Run it with
 * {@code mvn -q -pl examples -am -DskipTests package exec:exec -Dexample=TradingDashboardDemo}, or directly
 * with the Chronicle JVM flags and {@code [directory] [duration]} arguments; without a directory it uses a
 * temporary one.
 */
public final class TradingDashboardDemo {
    /** The stream trades go through. */
    public static final String STREAM_NAME = "trades";
    /** The function's name, which names its event source mapping. */
    public static final String FUNCTION_NAME = "trade-dashboard";
    /** How long each dashboard window is. */
    public static final int WINDOW_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(TradingDashboardDemo.class);
    private static final List<String> SYMBOLS = List.of("AMZN", "AAPL", "MSFT", "GOOG", "NVDA", "TSLA");
    private static final int SHARD_COUNT = 2;
    private static final long TRADE_INTERVAL_MS = 5;
    /** The last window ends within two windows of the last trade, and a poll later it is done. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private TradingDashboardDemo() {
    }

    /**
     * Runs the demo, prints the dashboard, and exits with status 1 unless every trade is on it.
     *
     * @param args optionally the directory, then how long trades are put (e.g. {@code 6s}).
     */
    public static void main(final String[] args) {
        final Path directory = args.length > 0 ? Path.of(args[0]) : null;
        final Duration duration = ClickstreamDemo.parseDuration(args.length > 1 ? args[1] : "6s");
        final DashboardSummary summary = run(directory, duration);
        System.out.print(render(summary));
        if (!summary.everyTradeCounted()) {
            System.exit(1);
        }
    }

    /**
     * Puts trades for the given time while the trigger runs the function, waits for the last window to be
     * done (or gives up after 30 s), and reports.
     *
     * @param directory where the broker keeps its files, or null for a temporary directory.
     * @param duration  how long trades are put.
     * @return what was put and what the dashboard shows.
     */
    public static DashboardSummary run(final Path directory, final Duration duration) {
        try (KinesisBroker kinesis = directory == null ? KinesisBroker.open() : KinesisBroker.open(directory)) {
            kinesis.createStream(STREAM_NAME, SHARD_COUNT);
            final DashboardTable table = new DashboardTable();
            final EventSourceMappingConfig config = EventSourceMappingConfig
                .builder(FUNCTION_NAME, STREAM_NAME, EventSourcePosition.TRIM_HORIZON)
                .batchSize(500)
                .tumblingWindowInSeconds(WINDOW_SECONDS)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                .build();
            try (EventSourceMapping mapping = EventSourceMapping.start(kinesis, config, new VwapFunction(table))) {
                final long[] produced = produce(kinesis, duration);
                awaitDashboard(table, produced[1]);
                LOG.info("Put {} trades of {} shares; the dashboard of {} counts {} shares", produced[0], produced[1],
                    mapping.functionArn(), table.totalVolume());
                return new DashboardSummary((int) produced[0], produced[1], table.rows());
            }
        }
    }

    /** Puts random trades, prices walking a little from trade to trade; returns the trade count and volume. */
    private static long[] produce(final KinesisBroker kinesis, final Duration duration) {
        final Random random = new Random(42);
        final long[] pricesCents = {18_500, 22_000, 41_000, 17_000, 12_000, 25_000};
        final long endNs = System.nanoTime() + duration.toNanos();
        long trades = 0;
        long volume = 0;
        while (System.nanoTime() < endNs) {
            final int symbol = random.nextInt(SYMBOLS.size());
            pricesCents[symbol] = Math.max(100, pricesCents[symbol] + random.nextInt(21) - 10);
            final Trade trade = new Trade(SYMBOLS.get(symbol), pricesCents[symbol], 1 + random.nextInt(500));
            kinesis.putRecord(STREAM_NAME, trade.symbol(), trade.toJson());
            trades++;
            volume += trade.quantity();
            LockSupport.parkNanos(TRADE_INTERVAL_MS * 1_000_000);
        }
        return new long[] {trades, volume};
    }

    private static void awaitDashboard(final DashboardTable table, final long volume) {
        final long giveUpNs = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (table.totalVolume() < volume && System.nanoTime() < giveUpNs) {
            LockSupport.parkNanos(50_000_000);
        }
    }

    /**
     * The dashboard and a line on whether it is complete, as the program prints them.
     *
     * @param summary what the run produced.
     * @return printable text.
     */
    public static String render(final DashboardSummary summary) {
        final DashboardTable table = new DashboardTable();
        summary.rows().forEach(table::put);
        return table.render() + String.format("%d trades, %d shares put; %s%n", summary.trades(), summary.volume(),
            summary.everyTradeCounted() ? "every trade is on the dashboard once" : "TRADES ARE MISSING");
    }
}
