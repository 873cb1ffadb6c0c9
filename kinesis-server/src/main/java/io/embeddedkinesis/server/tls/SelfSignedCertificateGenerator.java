package io.embeddedkinesis.server.tls;

import io.netty.util.NetUtil;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Makes a fresh EC P-256 key and a self-signed server certificate for it, naming each host as a subject
 * alternative name (an IP address or a DNS name), which is what clients check the host they dialled against.
 *
 * <p>BouncyCastle builds and encodes the certificate; the JDK's own providers make the key and the signature,
 * so no security provider is registered. The JDK alone cannot sign a certificate on Java 17 without
 * {@code --add-exports} for {@code sun.security.x509}, which Netty's {@code SelfSignedCertificate} falls back
 * to; that class also names a single host and no IP address, and writes its key to a temporary file.
 * Netty's {@code netty-pkitesting} is meant for tests and depends on BouncyCastle anyway.
 *
 * <p>Stateless and thread-safe.
 */
final class SelfSignedCertificateGenerator {
    /** Clients whose clock runs a little behind still accept a certificate made a moment ago. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    /** Long enough for any process; a new certificate is made at every start anyway. */
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final String SUBJECT = "CN=embedded-kinesis";

    private SelfSignedCertificateGenerator() {
    }

    /**
     * Generates a key and its certificate.
     *
     * @param hosts the host names and IP address literals the certificate is valid for; at least one.
     * @param now   the wall-clock time; the validity period starts shortly before it.
     * @return the private key with its one-certificate chain.
     * @throws IllegalStateException if the JDK lacks EC keys or ECDSA signatures, which every JDK 17 has.
     */
    static KeyStore.PrivateKeyEntry generate(final List<String> hosts, final Instant now) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("hosts must not be empty: hosts=" + hosts);
        }
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            final KeyPair keyPair = generator.generateKeyPair();
            final X500Name subject = new X500Name(SUBJECT);
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(CLOCK_SKEW)),
                Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            final ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            final X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new KeyStore.PrivateKeyEntry(keyPair.getPrivate(), new Certificate[] {certificate});
        } catch (final GeneralSecurityException | OperatorCreationException | CertIOException ex) {
            throw new IllegalStateException("cannot generate a self-signed certificate: hosts=" + hosts, ex);
        }
    }

    private static GeneralNames alternativeNames(final List<String> hosts) {
        final GeneralName[] names = new GeneralName[hosts.size()];
        for (int i = 0; i < names.length; i++) {
            final String host = hosts.get(i);
            final boolean ipAddress = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
            names[i] = new GeneralName(ipAddress ? GeneralName.iPAddress : GeneralName.dNSName, host);
        }
        return new GeneralNames(names);
    }
}
