package io.embeddedkinesis.server.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a certificate chain and a private key from PEM files. The JDK reads the certificates; BouncyCastle
 * reads the key, because keys come in three layouts (PKCS#8 {@code PRIVATE KEY}, and OpenSSL's own
 * {@code RSA PRIVATE KEY} and {@code EC PRIVATE KEY}) and the JDK and Netty read only the first.
 *
 * <p>Stateless and thread-safe.
 */
final class PemReader {
    private PemReader() {
    }

    /**
     * Reads every certificate in a file, in order.
     *
     * @param pem the file.
     * @return the chain; never empty.
     * @throws IOException          if the file cannot be read.
     * @throws CertificateException if it holds something else, or nothing.
     */
    static X509Certificate[] certificates(final Path pem) throws IOException, CertificateException {
        final List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pem)) {
            for (final Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
        }
        if (chain.isEmpty()) {
            throw new CertificateException("no certificate in " + pem);
        }
        return chain.toArray(new X509Certificate[0]);
    }

    /**
     * Reads the first private key in a file.
     *
     * @param pem the file.
     * @return the key.
     * @throws IOException if the file cannot be read, or holds no unencrypted private key.
     */
    static PrivateKey privateKey(final Path pem) throws IOException {
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            final JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    // The public half is optional in OpenSSL's layouts, so only the private half is converted.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        }
        throw new IOException("no unencrypted private key in " + pem);
    }
}
