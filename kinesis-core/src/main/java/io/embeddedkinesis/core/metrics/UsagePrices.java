package io.embeddedkinesis.core.metrics;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What AWS would charge per unit of a stream's usage, in any one currency, for
 * {@link StreamUsage#estimatedCost()}. The library knows no prices: take them from the AWS pricing page of
 * your region and capacity mode (the README shows an example).
 *
 * @param perShardHour              the price of one shard open for one hour.
 * @param perMillionPutPayloadUnits the price of a million PUT payload units (25 KiB chunks of records put).
 * @param perGibRead                the price of reading 2^30 bytes (AWS's "GB"); zero where reads are free.
 */
public record UsagePrices(BigDecimal perShardHour, BigDecimal perMillionPutPayloadUnits, BigDecimal perGibRead) {
    /** No prices: every cost is zero. The broker's default. */
    public static final UsagePrices NONE = new UsagePrices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * Checks that every price is given and not negative.
     *
     * @param perShardHour              see the class description.
     * @param perMillionPutPayloadUnits see the class description.
     * @param perGibRead                see the class description.
     */
    public UsagePrices {
        requireNonNegative("perShardHour", perShardHour);
        requireNonNegative("perMillionPutPayloadUnits", perMillionPutPayloadUnits);
        requireNonNegative("perGibRead", perGibRead);
    }

    /**
     * Prices from decimal text, e.g. {@code UsagePrices.of("0.015", "0.014", "0")}.
     *
     * @param perShardHour              see the class description.
     * @param perMillionPutPayloadUnits see the class description.
     * @param perGibRead                see the class description.
     * @return the prices.
     */
    public static UsagePrices of(final String perShardHour, final String perMillionPutPayloadUnits,
        final String perGibRead) {
        return new UsagePrices(new BigDecimal(perShardHour), new BigDecimal(perMillionPutPayloadUnits),
            new BigDecimal(perGibRead));
    }

    private static void requireNonNegative(final String name, final BigDecimal price) {
        Objects.requireNonNull(price, name);
        if (price.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative: " + name + "=" + price);
        }
    }
}
