package io.embeddedkinesis.core.kpl;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.embeddedkinesis.core.kpl.protobuf.KplMessages;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The frame around a KPL aggregate: a 4-byte magic number, the protobuf {@code AggregatedRecord}, and the
 * protobuf's MD5 (drawn in the package description). Reading is the KCL's: data too short, without the magic,
 * with a digest that does not match, or whose protobuf does not parse is not an aggregate.
 *
 * <p>Stateless and thread-safe.
 */
final class KplFormat {
    /** The first four bytes of every aggregate: {@code F3 89 9A C2}. */
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    /** The length of the MD5 digest that ends an aggregate. */
    static final int DIGEST_BYTES = 16;
    /** The bytes an aggregate has besides its protobuf. */
    static final int OVERHEAD_BYTES = MAGIC.length + DIGEST_BYTES;

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(KplFormat::newMd5);

    private KplFormat() {
    }

    /**
     * Frames a protobuf body that is already in place: writes the magic before it and its digest after it.
     *
     * @param frame an array of {@code bodyBytes + OVERHEAD_BYTES}, the body at offset {@link #MAGIC}.length.
     * @param bodyBytes the body's length.
     */
    static void frame(final byte[] frame, final int bodyBytes) {
        System.arraycopy(MAGIC, 0, frame, 0, MAGIC.length);
        final MessageDigest md5 = MD5.get();
        md5.update(frame, MAGIC.length, bodyBytes);
        final byte[] digest = md5.digest();
        System.arraycopy(digest, 0, frame, MAGIC.length + bodyBytes, DIGEST_BYTES);
    }

    /**
     * Reads an aggregate, as the KCL decides whether a record is one.
     *
     * @param data a record's data.
     * @return the parsed body, or null if the data is not an aggregate.
     */
    static KplMessages.AggregatedRecord parse(final byte[] data) {
        if (data.length <= OVERHEAD_BYTES || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        final int bodyBytes = data.length - OVERHEAD_BYTES;
        final MessageDigest md5 = MD5.get();
        md5.update(data, MAGIC.length, bodyBytes);
        final byte[] digest = md5.digest();
        if (!Arrays.equals(digest, 0, DIGEST_BYTES, data, MAGIC.length + bodyBytes, data.length)) {
            return null;
        }
        try {
            return KplMessages.AggregatedRecord.parseFrom(
                UnsafeByteOperations.unsafeWrap(data, MAGIC.length, bodyBytes));
        } catch (final InvalidProtocolBufferException notAnAggregate) {
            // The KCL too takes data whose body does not parse (a required field missing) as a plain record.
            return null;
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java platform must provide MD5", ex);
        }
    }
}
