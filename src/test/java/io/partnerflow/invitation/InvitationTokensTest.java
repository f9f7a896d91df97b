package io.partnerflow.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvitationTokensTest {

  @Test
  void tokenIs43UrlSafeCharacters() {
    String token = InvitationTokens.newToken();
    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void replyReferenceIs22UrlSafeCharacters() {
    assertThat(InvitationTokens.newReplyReference()).matches("[A-Za-z0-9_-]{22}");
  }

  @Test
  void thousandTokensAreAllDistinct() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = InvitationTokens.newToken();
      assertThat(token).matches("[A-Za-z0-9_-]{43}");
      tokens.add(token);
    }
    assertThat(tokens).hasSize(1000);
  }

  @Test
  void hashIs64HexCharactersAndDeterministic() {
    String token = InvitationTokens.newToken();
    String hash = InvitationTokens.hash(token);
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(InvitationTokens.hash(token)).isEqualTo(hash);
    assertThat(InvitationTokens.hash(token + "x")).isNotEqualTo(hash);
    // SHA-256 of "abc": the stored hash stays comparable with what other tools compute
    assertThat(InvitationTokens.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
