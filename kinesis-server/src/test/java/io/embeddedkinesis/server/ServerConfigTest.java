package io.embeddedkinesis.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerConfigTest {
    @TempDir
    Path directory;

    @Test
    void shouldServePlainHttpByDefault() {
        final ServerConfig config = ServerConfig.builder().build();

        assertThat(config.tls()).isFalse();
        assertThat(config.certificateChainPem()).isNull();
        assertThat(config.privateKeyPem()).isNull();
    }

    @Test
    void shouldTurnTlsOnWithAUserCertificate() throws Exception {
        final Path certificate = Files.createFile(directory.resolve("server.crt"));
        final Path key = Files.createFile(directory.resolve("server.key"));

        final ServerConfig config = ServerConfig.builder().tlsCertificate(certificate, key).build();

        assertThat(config.tls()).isTrue();
        assertThat(config.certificateChainPem()).isEqualTo(certificate);
        assertThat(config.privateKeyPem()).isEqualTo(key);
    }

    @Test
    void shouldRefuseACertificateFileThatCannotBeRead() throws Exception {
        final Path missing = directory.resolve("missing.crt");
        final Path key = Files.createFile(directory.resolve("server.key"));

        assertThatThrownBy(() -> ServerConfig.builder().tlsCertificate(missing, key))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("certificateChainPem must be a readable file: certificateChainPem=" + missing);
        assertThatThrownBy(() -> ServerConfig.builder().tlsCertificate(key, directory))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("privateKeyPem must be a readable file: privateKeyPem=" + directory);
    }
}
