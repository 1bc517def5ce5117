package io.outpost.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line accepted, and the ones refused. */
class CommandLineTest {

  @Test
  void parse_run_takesDataConfigAndPort() throws UsageException {
    CommandLine line = CommandLine.parse("run", "--data", "/tmp/b", "--config=/cfg", "--port", "0");

    assertThat(line.command()).isEqualTo("run");
    assertThat(line.instanceDir()).isEqualTo(Path.of("/tmp/b"));
    assertThat(line.configDir()).contains(Path.of("/cfg"));
    assertThat(line.port()).isZero();
  }

  @Test
  void parse_addOutlet_defaultsToTheStrongHashAndThePortIsUnused() throws UsageException {
    CommandLine line =
        CommandLine.parse("add-outlet", "outlet-1", "--instance", "/i", "--password-file", "/p");

    assertThat(line.name()).contains("outlet-1");
    assertThat(line.passwordFile()).contains(Path.of("/p"));
    assertThat(line.hashIterations()).isEqualTo(BrokerAccounts.DEFAULT_HASH_ITERATIONS);
    assertThat(line.takesPassword()).isTrue();
  }

  @Test
  void parse_addHq_nameIsOptional() throws UsageException {
    assertThat(CommandLine.parse("add-hq", "--instance", "/i").name()).isEmpty();
    assertThat(CommandLine.parse("add-hq", "hq-2", "--instance", "/i").name()).contains("hq-2");
  }

  @Test
  void parse_badCommandLines_throwUsage() {
    List<String[]> bad =
        List.of(
            new String[] {},
            new String[] {"fly"},
            new String[] {"add-outlet", "--instance", "/i"},
            new String[] {"add-outlet", "o", "--instance", "/i", "--password", "secret"},
            new String[] {"add-outlet", "o"},
            new String[] {"add-outlet", "o", "p", "--instance", "/i"},
            new String[] {"list", "o", "--instance", "/i"},
            new String[] {"list", "--instance", "/i", "--port", "1"},
            new String[] {"remove-outlet", "o", "--instance", "/i", "--password-file", "/p"},
            new String[] {"run", "--data", "/d", "--port", "70000"},
            new String[] {"run", "--data", "/d", "--port", "x"},
            new String[] {"run", "--data", "/d", "--data", "/e"},
            new String[] {"run", "--data"},
            new String[] {"add-hq", "--instance", "/i", "--hash-iterations", "1000"},
            new String[] {"list", "--instance", "/i", "--verbose", "yes"});
    List<String> accepted = new ArrayList<>();
    for (String[] args : bad) {
      try {
        CommandLine.parse(args);
        accepted.add(String.join(" ", args));
      } catch (UsageException expected) {
        // refused, as it should be
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void parse_passwordOption_namesTheAcceptedSources() {
    assertThatThrownBy(
            () -> CommandLine.parse("add-admin", "--instance", "/i", "--password", "secret"))
        .hasMessageContaining("OUTPOST_BROKER_PASSWORD")
        .hasMessageNotContaining("secret");
  }
}
