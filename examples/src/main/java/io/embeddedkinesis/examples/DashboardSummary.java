package io.embeddedkinesis.examples;

import java.util.List;

/**
 * What {@link TradingDashboardDemo} produced and what its dashboard shows.
 *
 * @param trades       trades put.
 * @param volume       shares traded, over every trade put.
 * @param rows         the dashboard's rows at the end.
 */
public record DashboardSummary(int trades, long volume, List<DashboardTable.Row> rows) {
    /**
     * Copies the rows.
     *
     * @param trades see the class description.
     * @param volume see the class description.
     * @param rows   see the class description.
     */
    public DashboardSummary {
        rows = List.copyOf(rows);
    }

    /**
     * Whether every trade is in the dashboard exactly once: its rows add up to the volume put.
     *
     * @return true if the dashboard is complete.
     */
    public boolean everyTradeCounted() {
        return rows.stream().mapToLong(DashboardTable.Row::volume).sum() == volume
            && rows.stream().mapToLong(DashboardTable.Row::trades).sum() == trades;
    }
}
