package io.outpost.hq;

import io.outpost.hq.core.HqException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command that touches HQ's store or broker takes. */
final class ConfigOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "HQ settings (properties); the environment overrides them.")
  Path file;

  HqConfig load(Map<String, String> env) throws HqException {
    return HqConfig.load(file, env);
  }
}
