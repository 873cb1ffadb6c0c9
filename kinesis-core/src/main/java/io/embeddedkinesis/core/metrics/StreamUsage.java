package io.embeddedkinesis.core.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What a stream has used since the broker opened it (created it, or reopened it from its directory), in
 * the units AWS bills a provisioned stream by, and what that would cost at some prices.
 *
 * @param streamName      the stream's name.
 * @param since           when the broker opened the stream: the counts start there.
 * @param until           the broker's clock when the usage was read.
 * @param shardMillis     the time each shard was open between the two, added up over every shard the stream
 *                        had, including those that resharding closed or that have since expired.
 * @param putPayloadUnits the records put, each counted as its size (data plus partition key) divided
 *                        into 25 KiB chunks, rounded up, as AWS counts PUT payload units.
 * @param bytesRead       the bytes (data plus partition key) that {@code GetRecords} returned.
 * @param prices          the prices of the broker's configuration, which {@link #estimatedCost()} uses.
 */
public record StreamUsage(String streamName, Instant since, Instant until, long shardMillis, long putPayloadUnits,
    long bytesRead, UsagePrices prices) {

    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);
    private static final BigDecimal UNITS_PER_MILLION = BigDecimal.valueOf(1_000_000L);
    private static final BigDecimal BYTES_PER_GIB = BigDecimal.valueOf(1L << 30);
    private static final int COST_SCALE = 6;

    /**
     * The shard-hours: {@link #shardMillis()} in hours.
     *
     * @return open shards times hours, fractional.
     */
    public double shardHours() {
        return shardMillis / 3_600_000.0;
    }

    /**
     * What the usage would cost at the broker's prices.
     *
     * @return the cost, to six decimal places; zero without prices.
     */
    public BigDecimal estimatedCost() {
        return cost(prices);
    }

    /**
     * What the usage would cost at other prices, e.g. another region's.
     *
     * @param at the prices.
     * @return the cost, to six decimal places.
     */
    public BigDecimal cost(final UsagePrices at) {
        final MathContext context = MathContext.DECIMAL64;
        final BigDecimal shards = BigDecimal.valueOf(shardMillis).multiply(at.perShardHour(), context)
            .divide(MILLIS_PER_HOUR, context);
        final BigDecimal puts = BigDecimal.valueOf(putPayloadUnits).multiply(at.perMillionPutPayloadUnits(), context)
            .divide(UNITS_PER_MILLION, context);
        final BigDecimal reads = BigDecimal.valueOf(bytesRead).multiply(at.perGibRead(), context)
            .divide(BYTES_PER_GIB, context);
        return shards.add(puts, context).add(reads, context).setScale(COST_SCALE, RoundingMode.HALF_UP);
    }
}
