package io.embeddedkinesis.core.consumer;

import io.embeddedkinesis.core.token.TokenCipher;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The state behind a shard iterator string: which stream and shard, where in the shard's log, and when
 * the iterator was issued (for its 5-minute expiry).
 *
 * <p>The string a caller sees is this state sealed by a {@link TokenCipher}, so it cannot be forged or
 * pointed at another stream or position. The stream is named and tagged: a stream deleted and created
 * again under the same name has a new tag, and old iterators no longer reach it.
 *
 * @param streamName the stream's name.
 * @param streamTag  the stream's tag.
 * @param shardIndex the shard's index.
 * @param position   the log position to read from (the first entry at or after it).
 * @param issuedAtMs when the iterator was issued.
 */
public record ShardIterator(String streamName, long streamTag, int shardIndex, long position, long issuedAtMs) {
    private static final byte KIND = 'I';
    private static final byte VERSION = 1;

    /**
     * Seals this iterator into the string a caller passes to {@code GetRecords}.
     *
     * @param cipher the broker's cipher.
     * @return the shard iterator string.
     */
    public String seal(final TokenCipher cipher) {
        final byte[] name = streamName.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer buffer = ByteBuffer.allocate(2 + 8 + 4 + 8 + 8 + 1 + name.length);
        buffer.put(KIND).put(VERSION).putLong(streamTag).putInt(shardIndex).putLong(position).putLong(issuedAtMs)
            .put((byte) name.length).put(name);
        return cipher.seal(buffer.array());
    }

    /**
     * Opens a shard iterator string. An iterator wrapped in one pair of double quotes is the iterator itself,
     * as Kinesis takes it: a script that pastes an iterator from the CLI's JSON output passes it so.
     *
     * @param cipher the broker's cipher.
     * @param text   the string a caller passed.
     * @return the iterator, or null if the string is not a valid iterator of this broker.
     */
    public static ShardIterator open(final TokenCipher cipher, final String text) {
        final byte[] plain = cipher.open(unquoted(text));
        if (plain == null || plain.length < 31 || plain[0] != KIND || plain[1] != VERSION) {
            return null;
        }
        final ByteBuffer buffer = ByteBuffer.wrap(plain, 2, plain.length - 2);
        final long tag = buffer.getLong();
        final int shard = buffer.getInt();
        final long position = buffer.getLong();
        final long issuedAt = buffer.getLong();
        final int nameLength = buffer.get() & 0xFF;
        if (buffer.remaining() != nameLength) {
            return null;
        }
        final String name = new String(plain, buffer.position(), nameLength, StandardCharsets.UTF_8);
        return new ShardIterator(name, tag, shard, position, issuedAt);
    }

    private static String unquoted(final String text) {
        final int last = text.length() - 1;
        return last > 0 && text.charAt(0) == '"' && text.charAt(last) == '"' ? text.substring(1, last) : text;
    }
}
