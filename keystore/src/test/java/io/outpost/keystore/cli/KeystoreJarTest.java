package io.outpost.keystore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.outpost.keystore.KeyFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code target/keystore.jar} as a real process. Maven runs this class after
 * {@code package} (see the keystore pom); run elsewhere without the jar, it is skipped.
 */
class KeystoreJarTest {

  private static Path jar;

  @TempDir Path dir;

  @BeforeAll
  static void findJar() {
    String property = System.getProperty("outpost.keystore.jar");
    assumeThat(property).as("system property outpost.keystore.jar").isNotNull();
    jar = Path.of(property);
    assumeThat(jar).as("the packaged jar").isRegularFile();
  }

  @Test
  void jar_initThenShow_exitZero() throws Exception {
    Path identity = dir.resolve("outlet-001");

    Run init =
        run(
            Map.of("OUTPOST_PASSWORD", "a long enough password"),
            "init",
            "--id",
            "outlet-001",
            "--dir",
            identity.toString(),
            "--bits",
            "2048");
    Run show = run(Map.of(), "show", "--dir", identity.toString());

    assertThat(init.code).as(init.err).isZero();
    assertThat(init.out).contains("Created identity outlet-001");
    assertThat(KeyFiles.privateKeyFile(identity)).isRegularFile();
    assertThat(show.code).as(show.err).isZero();
    assertThat(show.out).contains("Identity  outlet-001", "Pinned peers: none");
  }

  @Test
  void jar_noPasswordAndNoTerminal_exitsOneWithOneLine() throws Exception {
    Run init = run(Map.of(), "init", "--id", "hq", "--dir", dir.resolve("hq").toString());

    assertThat(init.code).isEqualTo(1);
    assertThat(init.err.lines())
        .singleElement()
        .asString()
        .startsWith("keystore: no password")
        .contains("--password-file", "OUTPOST_PASSWORD", "terminal");
    assertThat(dir.resolve("hq")).doesNotExist();
  }

  @Test
  void jar_unknownOption_exitsTwo() throws Exception {
    Run run = run(Map.of(), "show", "--dir", dir.toString(), "--colour");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).startsWith("keystore: Unknown option");
  }

  @Test
  void jar_version_namesTheBuild() throws Exception {
    Run run = run(Map.of(), "--version");

    assertThat(run.code).isZero();
    assertThat(run.out).startsWith("keystore ").doesNotContain("development");
  }

  private static Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("OUTPOST_PASSWORD");
    builder.environment().putAll(env);
    File out = Files.createTempFile("keystore", ".out").toFile();
    File err = Files.createTempFile("keystore", ".err").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the keystore process did not finish: " + command);
    }
    try {
      return new Run(
          process.exitValue(),
          Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      Files.delete(out.toPath());
      Files.delete(err.toPath());
    }
  }

  private record Run(int code, String out, String err) {}
}
