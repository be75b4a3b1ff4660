package com.cspflow.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generator alone, without an engine: every password is strong, none repeats. */
class AdminPasswordsTest {

  @Test
  void everyPasswordHasTwentyCharactersOfAllFourClassesAndNoneRepeats() {
    AdminPasswords passwords = new AdminPasswords();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String password = new String(passwords.generate());
      assertThat(password).hasSize(20).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
          .containsPattern("[" + Pattern.quote(AdminPasswords.SYMBOLS) + "]")
          .doesNotContainPattern("[IlO01\\s]");
      assertThat(seen.add(password)).as("unique").isTrue();
    }
  }
}
