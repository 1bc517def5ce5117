package io.outpost.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the Outpost checkout, its built tools and the suite's output are. */
final class Repo {

  private static final List<String> JARS =
      List.of(
          "broker-config/target/broker-config.jar",
          "outlet-producer/target/outlet-producer.jar",
          "hq-consumer/target/hq-consumer.jar");

  private Repo() {}

  /** The checkout: {@code outpost.root} as Maven sets it, else the first parent with bin/outlet. */
  static Path root() {
    String configured = System.getProperty("outpost.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("bin").resolve("outlet"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no Outpost checkout above " + Path.of("").toAbsolutePath());
  }

  static Path bin(String tool) {
    return root().resolve("bin").resolve(tool);
  }

  static Path makeBroker() {
    return root().resolve("broker-config").resolve("make-broker");
  }

  /** reliability/target, where runs keep their files and the results table is written. */
  static Path output() {
    String configured = System.getProperty("reliability.output");
    return configured != null
        ? Path.of(configured)
        : root().resolve("reliability").resolve("target");
  }

  /** The suite launches the built jars: without them it cannot say anything. */
  static void requireBuilt() {
    for (String jar : JARS) {
      if (!Files.isRegularFile(root().resolve(jar))) {
        throw new IllegalStateException(
            jar + " is not built; run 'mvn -B -DskipTests package' in " + root() + " first");
      }
    }
  }
}
