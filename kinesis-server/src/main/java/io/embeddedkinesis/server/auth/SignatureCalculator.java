package io.embeddedkinesis.server.auth;

import io.netty.buffer.ByteBuf;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SigV4 hash and HMAC chain, on the JDK's own {@code javax.crypto}:
 *
 * <pre>
 * kSigning  = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")
 * toSign    = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + date/region/service/aws4_request + "\n"
 *             + hex(SHA-256(canonical request))
 * signature = hex(HMAC(kSigning, toSign))
 * </pre>
 *
 * <p>Stateless; a {@code Mac} or {@code MessageDigest} is made per call, since neither is thread-safe and
 * a request needs only five HMACs.
 */
final class SignatureCalculator {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    private static final HexFormat HEX = HexFormat.of();

    private SignatureCalculator() {
    }

    /**
     * The signature a client holding {@code secret} would have sent.
     *
     * @param secret           the secret access key.
     * @param timestamp        the request's timestamp, as sent ({@code 20150830T123600Z}).
     * @param scope            {@code date/region/service/aws4_request}.
     * @param canonicalRequest the canonical request; ISO-8859-1 gives back the bytes of header values.
     * @return lower-case hex.
     */
    static String signature(final String secret, final String timestamp, final String scope,
        final String canonicalRequest) {
        final String[] parts = scope.split("/", -1);
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 4; i++) {
            key = hmac(key, parts[i]);
        }
        final String stringToSign = ALGORITHM + '\n' + timestamp + '\n' + scope + '\n'
            + HEX.formatHex(sha256().digest(canonicalRequest.getBytes(StandardCharsets.ISO_8859_1)));
        return HEX.formatHex(hmac(key, stringToSign));
    }

    /**
     * The lower-case hex SHA-256 of a body, leaving its reader index where it was.
     *
     * @param body the body.
     * @return 64 hex digits.
     */
    static String payloadHash(final ByteBuf body) {
        final MessageDigest digest = sha256();
        for (final ByteBuffer buffer : body.nioBuffers()) {
            digest.update(buffer);
        }
        return HEX.formatHex(digest.digest());
    }

    private static byte[] hmac(final byte[] key, final String data) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (final GeneralSecurityException ex) {
            throw new IllegalStateException("every JDK has HmacSHA256", ex);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }
}
