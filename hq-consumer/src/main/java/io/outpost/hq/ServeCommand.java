package io.outpost.hq;

import io.outpost.hq.keys.HqKeyring;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code hq serve}: the long-running service. SIGTERM (or Ctrl-C) drains: the consumers finish the
 * batch in flight (commit or roll back), the broker and database connections close, and the process
 * exits 0.
 */
@Command(
    name = "serve",
    description = {
      "Ingest sealed closings, send signed receipts and answer menu requests until stopped.",
      "Outlets' announcements of their next certificate are kept for 'hq keys confirm';",
      "pins and revocations in the key directory take effect within a second.",
      "SIGTERM finishes the batch in flight, closes broker and database, and exits 0."
    })
final class ServeCommand implements Callable<Integer> {

  private final Session session;

  @Mixin ConfigOption config;

  ServeCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    HqConfig settings = config.load(session.env());
    HqKeyring keys = Wiring.keyring(settings, session.passwords(), session.clock());
    HqService service = HqService.start(Wiring.serviceSettings(settings), keys, session.clock());
    Thread drain =
        new Thread(
            () -> {
              service.close();
              session.err().flush();
              // A signal ends the JVM with 128+n; a drained service is a clean exit, so say 0.
              Runtime.getRuntime().halt(HqCli.OK);
            },
            "hq-drain");
    Runtime.getRuntime().addShutdownHook(drain);
    try {
      while (!service.awaitStopped(Duration.ofMinutes(1))) {
        // Serving until a signal or a failure stops the consumers.
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(drain);
      } catch (IllegalStateException shuttingDown) {
        // The hook is draining and will end the process.
      }
      service.close();
    }
    return HqCli.OK;
  }
}
