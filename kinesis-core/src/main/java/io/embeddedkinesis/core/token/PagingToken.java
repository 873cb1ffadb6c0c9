package io.embeddedkinesis.core.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The state behind a {@code NextToken} of a listing: what is being listed, where the next page starts,
 * and when the token was issued (tokens expire after 5 minutes).
 *
 * @param kind           what is listed, so a token of one listing is refused by another.
 * @param streamName     the stream whose items are listed, or empty for a list of streams.
 * @param streamTag      the stream's tag, or 0.
 * @param exclusiveStart the last item of the previous page.
 * @param issuedAtMs     when the token was issued.
 */
public record PagingToken(Kind kind, String streamName, long streamTag, String exclusiveStart, long issuedAtMs) {
    private static final byte VERSION = 1;

    /** What a token lists. */
    public enum Kind {
        /** ListStreams. */
        STREAMS,
        /** ListShards. */
        SHARDS,
        /** ListStreamConsumers. */
        CONSUMERS
    }

    /**
     * Seals this token into the string a caller passes back.
     *
     * @param cipher the broker's cipher.
     * @return the token string.
     */
    public String seal(final TokenCipher cipher) {
        final byte[] name = streamName.getBytes(StandardCharsets.UTF_8);
        final byte[] start = exclusiveStart.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer buffer = ByteBuffer.allocate(4 + 8 + 8 + 2 + name.length + 2 + start.length);
        buffer.put((byte) 'P').put(VERSION).put((byte) kind.ordinal()).put((byte) 0).putLong(streamTag)
            .putLong(issuedAtMs).putShort((short) name.length).put(name).putShort((short) start.length).put(start);
        return cipher.seal(buffer.array());
    }

    /**
     * Opens a token string.
     *
     * @param cipher the broker's cipher.
     * @param kind   the listing the token must belong to.
     * @param text   the token string.
     * @return the token, or null if the string is not a valid token of that listing.
     */
    public static PagingToken open(final TokenCipher cipher, final Kind kind, final String text) {
        final byte[] plain = cipher.open(text);
        if (plain == null || plain.length < 24 || plain[0] != 'P' || plain[1] != VERSION
            || plain[2] != kind.ordinal()) {
            return null;
        }
        final ByteBuffer buffer = ByteBuffer.wrap(plain, 4, plain.length - 4);
        final long tag = buffer.getLong();
        final long issuedAt = buffer.getLong();
        final String name = readString(buffer);
        final String start = name == null ? null : readString(buffer);
        if (start == null || buffer.hasRemaining()) {
            return null;
        }
        return new PagingToken(kind, name, tag, start, issuedAt);
    }

    private static String readString(final ByteBuffer buffer) {
        if (buffer.remaining() < 2) {
            return null;
        }
        final int length = buffer.getShort() & 0xFFFF;
        if (buffer.remaining() < length) {
            return null;
        }
        final String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length,
            StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }
}
