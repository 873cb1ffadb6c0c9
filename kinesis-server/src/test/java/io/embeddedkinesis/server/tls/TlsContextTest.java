package io.embeddedkinesis.server.tls;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsContextTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,     'localhost,127.0.0.1,0:0:0:0:0:0:0:1'",
        "0.0.0.0,       'localhost,127.0.0.1,0:0:0:0:0:0:0:1'",
        "::,            'localhost,127.0.0.1,0:0:0:0:0:0:0:1'",
        "192.168.1.20,  'localhost,127.0.0.1,0:0:0:0:0:0:0:1,192.168.1.20'",
        "[fe80::1],     'localhost,127.0.0.1,0:0:0:0:0:0:0:1,fe80:0:0:0:0:0:0:1'",
        "kinesis.local, 'localhost,127.0.0.1,0:0:0:0:0:0:0:1,kinesis.local'",
    })
    void shouldGenerateACertificateForTheLoopbackNamesAndTheBindHost(final String bindHost, final String names)
        throws Exception {
        final X509Certificate certificate = TlsContext.selfSigned(bindHost, Instant.now()).certificate();

        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1))
            .collect(Collectors.toList())).containsExactly(names.split(","));
    }

    @Test
    void shouldOfferH2ThenHttp11() {
        assertThat(TlsContext.selfSigned("127.0.0.1", Instant.now()).sslContext().applicationProtocolNegotiator()
            .protocols()).containsExactly("h2", "http/1.1");
    }

    @Test
    void shouldReadACertificateAndKeyFromPemFiles() throws Exception {
        final PemFiles pem = PemFiles.write(directory, List.of("localhost"));

        final TlsContext context = TlsContext.fromPem(pem.certificateChainPem(), pem.privateKeyPem());

        assertThat(context.certificate()).isEqualTo(pem.certificate());
        assertThat(context.sslContext().isServer()).isTrue();
    }

    @Test
    void shouldReadAnEcKeyInOpenSslsOwnFormat() throws Exception {
        final PemFiles pem = PemFiles.write(directory, List.of("localhost"));
        // What `openssl ec` writes: SEC 1 with the curve named inside, rather than PKCS#8.
        final ECPrivateKey key = (ECPrivateKey) pem.privateKey();
        final Path sec1 = PemFiles.pem(directory.resolve("server-sec1.key"), "EC PRIVATE KEY",
            new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), SECObjectIdentifiers.secp256r1).getEncoded());

        assertThat(TlsContext.fromPem(pem.certificateChainPem(), sec1).certificate()).isEqualTo(pem.certificate());
    }

    @Test
    void shouldRefuseAKeyThatDoesNotBelongToTheCertificate(@TempDir final Path other) throws Exception {
        final PemFiles pem = PemFiles.write(directory, List.of("localhost"));
        final PemFiles stranger = PemFiles.write(other, List.of("localhost"));

        assertThatThrownBy(() -> TlsContext.fromPem(pem.certificateChainPem(), stranger.privateKeyPem()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("tlsCertificate must be a PEM certificate chain and its PEM private key: certificateChainPem="
                + pem.certificateChainPem() + ", privateKeyPem=" + stranger.privateKeyPem());
    }

    @Test
    void shouldRefuseFilesThatAreNotPem() throws Exception {
        final Path certificate = Files.writeString(directory.resolve("server.crt"), "not a certificate");
        final Path key = Files.writeString(directory.resolve("server.key"), "not a key");

        assertThatThrownBy(() -> TlsContext.fromPem(certificate, key))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("tlsCertificate must be a PEM certificate chain and its PEM private key: certificateChainPem="
                + certificate + ", privateKeyPem=" + key);
    }
}
