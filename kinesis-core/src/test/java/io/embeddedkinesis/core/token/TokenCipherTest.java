package io.embeddedkinesis.core.token;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCipherTest {
    private final TokenCipher cipher = new TokenCipher(TokenCipher.newKey());

    @Test
    void shouldOpenWhatItSealed() {
        final byte[] plain = "shard state".getBytes(StandardCharsets.UTF_8);

        assertThat(cipher.open(cipher.seal(plain))).isEqualTo(plain);
    }

    @Test
    void shouldSealTheSameStateDifferentlyEachTime() {
        final byte[] plain = {1, 2, 3};

        assertThat(cipher.seal(plain)).isNotEqualTo(cipher.seal(plain));
    }

    @Test
    void shouldRefuseAlteredTokens() {
        final byte[] sealed = Base64.getDecoder().decode(cipher.seal(new byte[] {1, 2, 3, 4}));
        sealed[sealed.length - 20] ^= 1;

        assertThat(cipher.open(Base64.getEncoder().encodeToString(sealed))).isNull();
    }

    @Test
    void shouldRefuseTokensOfAnotherKeyAndGarbage() {
        final String foreign = new TokenCipher(TokenCipher.newKey()).seal(new byte[] {1});

        assertThat(cipher.open(foreign)).isNull();
        assertThat(cipher.open("not base64 !")).isNull();
        assertThat(cipher.open("AAAA")).isNull();
        assertThat(cipher.open("")).isNull();
    }
}
