package io.outpost.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outpost.keystore.KeystoreException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordsTest {

  private static final Map<String, String> NO_ENVIRONMENT = Map.of();
  private static final Map<String, String> ENVIRONMENT =
      Map.of(Passwords.ENVIRONMENT_VARIABLE, "from the environment");

  @TempDir Path dir;

  @Test
  void forExistingKey_passwordFile_returnsItsFirstLineWithoutTheLineEnd() throws Exception {
    for (String content :
        List.of("  secret pass  \n", "  secret pass  \r\nsecond line\n", "  secret pass  ")) {
      Path file = write(content);

      char[] password = Passwords.withoutTerminal(NO_ENVIRONMENT).forExistingKey(Optional.of(file));

      assertThat(new String(password)).as(content).isEqualTo("  secret pass  ");
    }
  }

  @Test
  void forExistingKey_utf8PasswordFile_keepsTheCharacters() throws Exception {
    Path file = write("pässwörd €\n");

    assertThat(Passwords.withoutTerminal(NO_ENVIRONMENT).forExistingKey(Optional.of(file)))
        .containsExactly("pässwörd €".toCharArray());
  }

  @Test
  void forExistingKey_fileAndEnvironment_prefersTheFile() throws Exception {
    Path file = write("from the file\n");
    ScriptedTerminal terminal = new ScriptedTerminal("from the terminal");

    char[] password = Passwords.of(ENVIRONMENT, terminal).forExistingKey(Optional.of(file));

    assertThat(new String(password)).isEqualTo("from the file");
    assertThat(terminal.prompts).isEmpty();
  }

  @Test
  void forExistingKey_environmentWithoutFile_prefersTheEnvironmentToTheTerminal() throws Exception {
    ScriptedTerminal terminal = new ScriptedTerminal("from the terminal");

    char[] password = Passwords.of(ENVIRONMENT, terminal).forExistingKey(Optional.empty());

    assertThat(new String(password)).isEqualTo("from the environment");
    assertThat(terminal.prompts).isEmpty();
  }

  @Test
  void forExistingKey_onlyATerminal_asksOnce() throws Exception {
    ScriptedTerminal terminal = new ScriptedTerminal("typed");

    char[] password =
        Passwords.of(Map.of(Passwords.ENVIRONMENT_VARIABLE, ""), terminal)
            .forExistingKey(Optional.empty());

    assertThat(new String(password)).isEqualTo("typed");
    assertThat(terminal.prompts).hasSize(1);
  }

  @Test
  void forExistingKey_nothingSetAndNoTerminal_throwsNoPasswordNamingTheSources() {
    assertThatThrownBy(
            () -> Passwords.withoutTerminal(NO_ENVIRONMENT).forExistingKey(Optional.empty()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_PASSWORD))
        .hasMessageContaining("--password-file")
        .hasMessageContaining(Passwords.ENVIRONMENT_VARIABLE)
        .hasMessageContaining("terminal");
  }

  @Test
  void forExistingKey_terminalAtEndOfInput_throwsNoPassword() {
    assertThatThrownBy(
            () ->
                Passwords.of(NO_ENVIRONMENT, new ScriptedTerminal())
                    .forExistingKey(Optional.empty()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_PASSWORD));
  }

  @Test
  void forExistingKey_missingPasswordFile_throwsMissingFile() {
    assertThatThrownBy(
            () ->
                Passwords.withoutTerminal(ENVIRONMENT)
                    .forExistingKey(Optional.of(dir.resolve("absent"))))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_FILE));
  }

  @Test
  void forExistingKey_emptyPasswordFile_throwsNoPasswordRatherThanUsingTheEnvironment()
      throws Exception {
    Path file = write("\nsecond line\n");

    assertThatThrownBy(
            () -> Passwords.withoutTerminal(ENVIRONMENT).forExistingKey(Optional.of(file)))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_PASSWORD))
        .hasMessageContaining("empty");
  }

  @Test
  void forExistingKey_passwordFileNotUtf8_throwsCorruptFile() throws Exception {
    Path file = dir.resolve("latin1");
    Files.write(file, "p\u00e4ss\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(
            () -> Passwords.withoutTerminal(NO_ENVIRONMENT).forExistingKey(Optional.of(file)))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_FILE));
  }

  @Test
  void forNewKey_terminal_asksTwiceAndReturnsTheMatchingPassword() throws Exception {
    ScriptedTerminal terminal = new ScriptedTerminal("long enough", "long enough");

    char[] password = Passwords.of(NO_ENVIRONMENT, terminal).forNewKey(Optional.empty());

    assertThat(new String(password)).isEqualTo("long enough");
    assertThat(terminal.prompts).hasSize(2);
  }

  @Test
  void forNewKey_terminalPasswordsDiffer_throwsInvalidArgument() {
    ScriptedTerminal terminal = new ScriptedTerminal("long enough", "long enougH");

    assertThatThrownBy(() -> Passwords.of(NO_ENVIRONMENT, terminal).forNewKey(Optional.empty()))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageContaining("differ");
  }

  @Test
  void forNewKey_fromTheEnvironment_doesNotAskTheTerminal() throws Exception {
    ScriptedTerminal terminal = new ScriptedTerminal();

    char[] password = Passwords.of(ENVIRONMENT, terminal).forNewKey(Optional.empty());

    assertThat(new String(password)).isEqualTo("from the environment");
    assertThat(terminal.prompts).isEmpty();
  }

  @Test
  void forNewKey_shortPassword_throwsInvalidArgument() throws Exception {
    Path file = write("1234567\n");

    assertThatThrownBy(() -> Passwords.withoutTerminal(NO_ENVIRONMENT).forNewKey(Optional.of(file)))
        .isInstanceOfSatisfying(
            KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageContaining("at least 8");
  }

  private Path write(String content) throws Exception {
    Path file = Files.createTempFile(dir, "pw", ".txt");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  /** Answers prompts from a script, then reports the end of input. */
  private static final class ScriptedTerminal implements Passwords.Terminal {
    private final Deque<String> answers;
    private final List<String> prompts = new ArrayList<>();

    ScriptedTerminal(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      String answer = answers.poll();
      return answer == null ? null : answer.toCharArray();
    }
  }
}
