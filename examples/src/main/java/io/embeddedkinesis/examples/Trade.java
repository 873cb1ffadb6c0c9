package io.embeddedkinesis.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A stock trade as the trading platform puts it into the stream, in JSON, with the symbol as partition key
 * so that a symbol's trades stay in order.
 *
 * @param symbol     the stock's ticker symbol.
 * @param priceCents the price per share, in cents, so that sums are exact.
 * @param quantity   how many shares changed hands.
 */
public record Trade(String symbol, long priceCents, long quantity) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Validates the trade.
     *
     * @param symbol     see the class description.
     * @param priceCents see the class description.
     * @param quantity   see the class description.
     */
    public Trade {
        if (symbol == null || symbol.isEmpty() || priceCents <= 0 || quantity <= 0) {
            throw new IllegalArgumentException("a trade needs a symbol, a positive price and a positive quantity: "
                + "symbol=" + symbol + ", priceCents=" + priceCents + ", quantity=" + quantity);
        }
    }

    /**
     * The trade's JSON, as put into the stream.
     *
     * @return UTF-8 JSON.
     */
    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (final JsonProcessingException ex) {
            throw new IllegalStateException("a record of plain values always serializes", ex);
        }
    }

    /**
     * Reads a trade from its JSON.
     *
     * @param json UTF-8 JSON, as {@link #toJson()} writes it.
     * @return the trade.
     */
    public static Trade fromJson(final byte[] json) {
        try {
            return MAPPER.readValue(json, Trade.class);
        } catch (final IOException ex) {
            throw new UncheckedIOException("not a trade", ex);
        }
    }
}
