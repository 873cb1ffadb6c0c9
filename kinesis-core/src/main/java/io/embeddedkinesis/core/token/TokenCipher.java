package io.embeddedkinesis.core.token;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seals the state behind shard iterators and pagination tokens into opaque strings that cannot be read,
 * forged or altered: AES-GCM under the broker's own key, base64-encoded.
 *
 * <p>The key is kept in the broker directory, so tokens handed out before a restart stay valid after it,
 * as they would against the real service. Each token gets a fresh 96-bit nonce: a random prefix chosen
 * when the cipher is created plus a counter, so nonces never repeat within a run and collide across runs
 * only by chance. Thread-safe.
 */
public final class TokenCipher {
    /** The key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecretKeySpec key;
    private final int noncePrefix;
    private final AtomicLong nonceCounter = new AtomicLong();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(TokenCipher::newCipher);

    /**
     * @param key the secret key, {@link #KEY_BYTES} bytes.
     */
    public TokenCipher(final byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("token key must be " + KEY_BYTES + " bytes: length=" + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.noncePrefix = new SecureRandom().nextInt();
    }

    /**
     * Creates a random key.
     *
     * @return a new key of {@link #KEY_BYTES} bytes.
     */
    public static byte[] newKey() {
        final byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * Seals a plaintext.
     *
     * @param plaintext the state to hide.
     * @return the token.
     */
    public String seal(final byte[] plaintext) {
        final ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + plaintext.length + TAG_BITS / 8);
        out.putInt(noncePrefix).putLong(nonceCounter.incrementAndGet());
        try {
            final Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, out.array(), 0, NONCE_BYTES));
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
        } catch (final GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM failed while sealing a token", ex);
        }
        return ENCODER.encodeToString(out.array());
    }

    /**
     * Opens a token sealed with the same key.
     *
     * @param token the token.
     * @return the plaintext, or null if the token is malformed, forged or altered.
     */
    public byte[] open(final String token) {
        final byte[] sealed;
        try {
            sealed = DECODER.decode(token);
        } catch (final IllegalArgumentException ex) {
            return null;
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            return null;
        }
        try {
            final Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (final GeneralSecurityException ex) {
            return null;
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (final GeneralSecurityException ex) {
            throw new IllegalStateException("every Java platform must provide AES/GCM/NoPadding", ex);
        }
    }
}
