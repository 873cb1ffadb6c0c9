package io.embeddedkinesis.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A freshly generated certificate and its key written as PEM files, as a user would bring them.
 *
 * @param certificateChainPem the certificate file.
 * @param privateKeyPem       the PKCS#8 key file.
 * @param certificate         the certificate the files hold.
 * @param privateKey          the key the files hold.
 */
public record PemFiles(Path certificateChainPem, Path privateKeyPem, X509Certificate certificate,
    PrivateKey privateKey) {
    /**
     * Generates a certificate for some hosts and writes it with its key.
     *
     * @param directory where to write {@code server.crt} and {@code server.key}.
     * @param hosts     the names the certificate is valid for.
     * @return the files.
     * @throws IOException              if a file cannot be written.
     * @throws GeneralSecurityException if the certificate cannot be encoded.
     */
    public static PemFiles write(final Path directory, final List<String> hosts)
        throws IOException, GeneralSecurityException {
        final KeyStore.PrivateKeyEntry entry = SelfSignedCertificateGenerator.generate(hosts, Instant.now());
        return new PemFiles(pem(directory.resolve("server.crt"), "CERTIFICATE", entry.getCertificate().getEncoded()),
            pem(directory.resolve("server.key"), "PRIVATE KEY", entry.getPrivateKey().getEncoded()),
            (X509Certificate) entry.getCertificate(), entry.getPrivateKey());
    }

    /**
     * Writes one PEM block.
     *
     * @param file where to write.
     * @param type the block's label, e.g. {@code CERTIFICATE}.
     * @param der  the block's content.
     * @return the file.
     * @throws IOException if the file cannot be written.
     */
    static Path pem(final Path file, final String type, final byte[] der) throws IOException {
        final String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
