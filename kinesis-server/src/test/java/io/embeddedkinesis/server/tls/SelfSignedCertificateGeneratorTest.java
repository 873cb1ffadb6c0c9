package io.embeddedkinesis.server.tls;

import org.junit.jupiter.api.Test;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelfSignedCertificateGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void shouldNameEveryHostAsAnIpAddressOrDnsName() throws Exception {
        final X509Certificate certificate = certificate(List.of("localhost", "127.0.0.1", "::1", "kinesis.local"));

        // Subject alternative name types: 2 is dNSName, 7 is iPAddress.
        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
            List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"),
            List.of(2, "kinesis.local"));
    }

    @Test
    void shouldBeASelfSignedServerCertificateValidAroundNow() throws Exception {
        final X509Certificate certificate = certificate(List.of("localhost"));

        certificate.verify(certificate.getPublicKey());
        certificate.checkValidity(Date.from(NOW));
        certificate.checkValidity(Date.from(NOW.minus(Duration.ofMinutes(59))));
        certificate.checkValidity(Date.from(NOW.plus(Duration.ofDays(364))));
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void shouldMakeADifferentKeyEachTime() {
        final KeyStore.PrivateKeyEntry first = SelfSignedCertificateGenerator.generate(List.of("localhost"), NOW);
        final KeyStore.PrivateKeyEntry second = SelfSignedCertificateGenerator.generate(List.of("localhost"), NOW);

        assertThat(first.getPrivateKey()).isNotEqualTo(second.getPrivateKey());
        assertThat(first.getCertificate()).isNotEqualTo(second.getCertificate());
    }

    @Test
    void shouldRefuseToNameNoHost() {
        assertThatThrownBy(() -> SelfSignedCertificateGenerator.generate(List.of(), NOW))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("hosts must not be empty: hosts=[]");
    }

    private static X509Certificate certificate(final List<String> hosts) {
        return (X509Certificate) SelfSignedCertificateGenerator.generate(hosts, NOW).getCertificate();
    }
}
