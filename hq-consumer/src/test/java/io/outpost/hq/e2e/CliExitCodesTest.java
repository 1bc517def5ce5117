package io.outpost.hq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.message.Addresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/outlet} and {@code bin/hq} as a user meets them when something is wrong, against a
 * running broker and database: a usage error exits 2, a wrong key password exits 1, and either says
 * so in one line on standard error, with no stack trace.
 */
class CliExitCodesTest {

  private static final String WRONG_PASSWORD = "not-the-key-password";
  private static final Pattern STACK_TRACE =
      Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|^Caused by: |^Exception in thread ");

  @TempDir static Path dir;

  private static LiveBroker broker;
  private static HqSite hq;
  private static OutletSite outlet;

  @BeforeAll
  static void install() throws Exception {
    Fleet fleet = Fleet.shared();
    broker = LiveBroker.start(dir.resolve("broker"));
    hq = new HqSite(fleet, broker, TestDatabase.h2(dir));
    outlet = new OutletSite(Fleet.OUTLET_1, fleet, broker, dir.resolve("outlet"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (hq != null) {
      hq.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void usageErrors_exit2WithoutAStackTrace() {
    String sales = Examples.argument(Examples.closing());
    List<List<String>> outletUsage =
        List.of(
            List.of(),
            List.of("close"),
            List.of("close", "--sales"),
            List.of("close", "--sales", sales, "--amends", "not-a-uuid"),
            List.of("flush", "--force"),
            List.of("open-the-till"));
    List<List<String>> hqUsage =
        List.of(
            List.of(),
            List.of("report"),
            List.of("report", "--date", "yesterday"),
            List.of("audit", "not-a-uuid"),
            List.of("menu"),
            List.of("menu", "publish"),
            List.of("serve", "--port", "61616"));

    List<String> wrong = new ArrayList<>();
    for (List<String> args : outletUsage) {
      check("outlet " + args, outlet.outlet(args.toArray(String[]::new)), 2, wrong);
    }
    for (List<String> args : hqUsage) {
      check("hq " + args, hq.hq(args.toArray(String[]::new)), 2, wrong);
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void wrongKeyPassword_exits1WithOneLineAndSealsOrSendsNothing() throws Exception {
    Path wrongFile = Files.writeString(dir.resolve("wrong-key-password"), WRONG_PASSWORD + "\n");
    Map<String, String> wrongForOutlet = Map.of("OUTPOST_PASSWORD", WRONG_PASSWORD);
    Map<String, String> wrongForHq = Map.of("OUTPOST_KEY_PASSWORD_FILE", wrongFile.toString());
    String sales = Examples.argument(Examples.closing());

    List<String> wrong = new ArrayList<>();
    check("outlet close", outlet.outletWith(wrongForOutlet, "close", "--sales", sales), 1, wrong);
    check("outlet menu", outlet.outletWith(wrongForOutlet, "menu"), 1, wrong);
    check(
        "hq menu publish",
        hq.hqWith(wrongForHq, "menu", "publish", Examples.argument(Examples.menu())),
        1,
        wrong);
    assertThat(wrong).isEmpty();
    assertThat(outlet.entries()).isEmpty();
    assertThat(broker.depth(Addresses.CLOSINGS)).isZero();
    assertThat(broker.depth(Addresses.MENU_REQUESTS)).isZero();
  }

  @Test
  @Timeout(30)
  void serve_withAWrongKeyPassword_exits1AtOnceWithOneLine() throws Exception {
    Path wrongFile = Files.writeString(dir.resolve("wrong-serve-password"), WRONG_PASSWORD + "\n");

    Run serve = hq.hqWith(Map.of("OUTPOST_KEY_PASSWORD_FILE", wrongFile.toString()), "serve");

    List<String> wrong = new ArrayList<>();
    check("hq serve", serve, 1, wrong);
    assertThat(wrong).isEmpty();
  }

  /** Collects what is wrong with one run instead of stopping at the first case. */
  private static void check(String command, Run run, int expectedCode, List<String> wrong) {
    List<String> problems = new ArrayList<>();
    if (run.code() != expectedCode) {
      problems.add("exit " + run.code() + ", expected " + expectedCode);
    }
    if (run.err().isBlank()) {
      problems.add("nothing on stderr");
    }
    if (STACK_TRACE.matcher(run.err()).find()) {
      problems.add("a stack trace on stderr");
    }
    if (run.err().contains(WRONG_PASSWORD)) {
      problems.add("the password echoed");
    }
    if (expectedCode == 1 && run.errLines().size() != 1) {
      problems.add(run.errLines().size() + " lines on stderr, expected one");
    }
    if (!problems.isEmpty()) {
      wrong.add(command + ": " + String.join("; ", problems) + "\n" + run.transcript());
    }
  }
}
