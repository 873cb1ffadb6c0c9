package io.embeddedkinesis.server.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of HTTPS: a certificate with its key, and the Netty TLS context that presents it.
 *
 * <p>ALPN offers {@code h2} first, then {@code http/1.1}. A client that sends no ALPN at all still gets a
 * session, because the AWS SDK's Netty client does exactly that and then speaks HTTP/2 with prior knowledge;
 * the connection pipeline tells the two protocols apart by their first bytes. Cipher suites are the ones
 * HTTP/2 allows (RFC 7540, appendix A forbids the rest), which every current HTTP/1.1 client also offers.
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsContext {
    private static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "::1");

    private final SslContext sslContext;
    private final X509Certificate certificate;

    private TlsContext(final SslContext sslContext, final X509Certificate certificate) {
        this.sslContext = sslContext;
        this.certificate = certificate;
    }

    /**
     * Generates a key and a self-signed certificate for it, valid for the loopback names and the bind host.
     *
     * @param bindHost the address the server binds; a wildcard such as {@code 0.0.0.0} adds no name.
     * @param now      the wall-clock time, which clients check the validity period against; the broker's
     *                 clock may be moved by tests, so it is not used here.
     * @return the context.
     */
    public static TlsContext selfSigned(final String bindHost, final Instant now) {
        final KeyStore.PrivateKeyEntry entry = SelfSignedCertificateGenerator.generate(hosts(bindHost), now);
        final X509Certificate certificate = (X509Certificate) entry.getCertificate();
        try {
            return new TlsContext(build(SslContextBuilder.forServer(entry.getPrivateKey(), certificate)), certificate);
        } catch (final SSLException ex) {
            throw new IllegalStateException("cannot serve a generated certificate: hosts=" + hosts(bindHost), ex);
        }
    }

    /**
     * Reads a certificate chain and its private key from PEM files.
     *
     * @param certificateChainPem the server certificate, then any intermediates.
     * @param privateKeyPem       the certificate's unencrypted private key.
     * @return the context.
     * @throws IllegalArgumentException if either file cannot be read or parsed, or the key is not the
     *     certificate's.
     */
    public static TlsContext fromPem(final Path certificateChainPem, final Path privateKeyPem) {
        try {
            final X509Certificate[] chain = PemReader.certificates(certificateChainPem);
            final PrivateKey key = PemReader.privateKey(privateKeyPem);
            requireKeyOf(chain[0], key);
            return new TlsContext(build(SslContextBuilder.forServer(key, chain)), chain[0]);
        } catch (final IOException | GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("tlsCertificate must be a PEM certificate chain and its PEM private"
                + " key: certificateChainPem=" + certificateChainPem + ", privateKeyPem=" + privateKeyPem, ex);
        }
    }

    /**
     * Signs with the key and verifies with the certificate, because neither the JDK nor Netty compares them and
     * a stray key would otherwise fail every handshake instead of the start. Only EC and RSA keys are checked.
     */
    private static void requireKeyOf(final X509Certificate certificate, final PrivateKey key)
        throws GeneralSecurityException {
        final String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        final byte[] challenge = "embedded-kinesis".getBytes(StandardCharsets.US_ASCII);
        final Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        final byte[] signature = signer.sign();
        final Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        if (!verifier.verify(signature)) {
            throw new InvalidKeyException("the private key does not belong to the certificate "
                + certificate.getSubjectX500Principal());
        }
    }

    private static List<String> hosts(final String bindHost) {
        final List<String> hosts = new ArrayList<>(LOOPBACK_HOSTS);
        final String host = bindHost.startsWith("[") && bindHost.endsWith("]")
            ? bindHost.substring(1, bindHost.length() - 1) : bindHost;
        final boolean wildcard = "0.0.0.0".equals(host) || "::".equals(host) || host.isEmpty();
        if (!wildcard && !hosts.contains(host)) {
            hosts.add(host);
        }
        return hosts;
    }

    private static SslContext build(final SslContextBuilder builder) throws SSLException {
        return builder
            .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
            .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
            .build();
    }

    /**
     * The Netty context that makes each connection's {@code SslHandler}.
     *
     * @return the server context.
     */
    public SslContext sslContext() {
        return sslContext;
    }

    /**
     * The certificate the server presents, for clients to trust.
     *
     * @return the leaf certificate.
     */
    public X509Certificate certificate() {
        return certificate;
    }
}
