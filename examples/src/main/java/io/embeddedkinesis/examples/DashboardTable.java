package io.embeddedkinesis.examples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's table, where the trading platform's function writes each finished window's figures: one
 * row per window and symbol, as the function would write items to a DynamoDB table. Thread-safe: the
 * function runs for several shards at once.
 */
public final class DashboardTable {
    /**
     * One row: a symbol's trading in one window.
     *
     * @param windowStart  when the window started.
     * @param symbol       the stock.
     * @param trades       how many trades there were.
     * @param volume       how many shares were traded.
     * @param notionalCents the sum of price times quantity, in cents.
     */
    public record Row(Instant windowStart, String symbol, long trades, long volume, long notionalCents) {
        /**
         * The volume-weighted average price of the window.
         *
         * @return the VWAP, in dollars.
         */
        public double vwap() {
            return notionalCents / 100.0 / volume;
        }

        Row plus(final Row other) {
            return new Row(windowStart, symbol, trades + other.trades, volume + other.volume,
                notionalCents + other.notionalCents);
        }
    }

    private final Map<String, Row> rows = new ConcurrentHashMap<>();

    /**
     * Adds a window's figures for a symbol; rows for the same window and symbol add up.
     *
     * @param row the figures.
     */
    public void put(final Row row) {
        rows.merge(row.windowStart() + "/" + row.symbol(), row, Row::plus);
    }

    /**
     * The rows, by window and then symbol.
     *
     * @return a copy.
     */
    public List<Row> rows() {
        final List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing(Row::windowStart).thenComparing(Row::symbol));
        return sorted;
    }

    /**
     * The shares traded over every row.
     *
     * @return the total volume.
     */
    public long totalVolume() {
        return rows.values().stream().mapToLong(Row::volume).sum();
    }

    /**
     * The table as text, one line per row, for printing.
     *
     * @return the table.
     */
    public String render() {
        final StringBuilder text = new StringBuilder(String.format("%-24s %-6s %7s %9s %10s%n", "window start",
            "symbol", "trades", "volume", "VWAP"));
        for (final Row row : rows()) {
            text.append(String.format("%-24s %-6s %7d %9d %10.2f%n", row.windowStart(), row.symbol(), row.trades(),
                row.volume(), row.vwap()));
        }
        return text.toString();
    }
}
