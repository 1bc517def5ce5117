package io.outpost.hq;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hq menu}: the menus HQ publishes (only {@code publish} for now). */
@Command(
    name = "menu",
    description = "Menus HQ signs for every outlet.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
final class MenuCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: publish");
  }
}
