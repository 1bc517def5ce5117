package io.outpost.hq;

import io.outpost.keystore.Certificates;
import io.outpost.keystore.PartyIds;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hq keys}: certificates over time: outlets' (announced, confirmed, revoked) and HQ's own
 * next one, announced to the outlets.
 */
@Command(
    name = "keys",
    description = {
      "Certificates over time. An outlet announces its next certificate (signed with its",
      "current key); it waits as pending until an operator compares its fingerprint with the",
      "outlet out of band and confirms it. Revocation takes effect at once. HQ announces its",
      "own next certificate to the outlets the same way ('announce')."
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n")
final class KeysCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  /** The {@code keys} command with its subcommands. */
  static CommandLine commandLine(Session session) {
    return new CommandLine(new KeysCommand())
        .addSubcommand(new KeysPendingCommand(session))
        .addSubcommand(new KeysConfirmCommand(session))
        .addSubcommand(new KeysRejectCommand(session))
        .addSubcommand(new KeysRevokeCommand(session))
        .addSubcommand(new KeysAnnounceCommand(session));
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: pending, confirm, reject, revoke or announce");
  }

  /** Party ids are checked before anything is read, as a usage error. */
  static void requireOutlet(CommandSpec spec, String outlet) {
    if (!PartyIds.isValid(outlet)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "OUTLET '"
              + outlet
              + "' is not a party id: 1 to 63 lower-case letters, digits and '-' (e.g."
              + " outlet-042)");
    }
  }

  static String fingerprint(X509Certificate certificate) {
    return Certificates.displayFingerprint(Certificates.fingerprint(certificate));
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }
}
