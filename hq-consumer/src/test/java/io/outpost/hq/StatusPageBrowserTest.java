package io.outpost.hq;

import static io.outpost.hq.PrometheusText.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page end to end in headless Chromium (Debian's {@code chromium}), served by a running
 * HQ: the DOM after the page has refreshed itself holds the outlet rows, and a screenshot (kept in
 * {@code target/status-page.png}) is a real, non-blank picture. Without Chromium the test is
 * skipped, saying why; with the environment variable CI set, Chromium is required.
 */
class StatusPageBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);
  static final Path SCREENSHOT = Path.of("target", "status-page.png");

  @TempDir static Path dir;

  private static String chromium;
  private static LiveHq live;

  @BeforeAll
  static void start() throws Exception {
    chromium = findChromium();
    if (chromium == null) {
      String reason =
          "headless Chromium not found (Debian package 'chromium'): the browser test is skipped";
      if (System.getenv("CI") != null) {
        throw new AssertionError(reason.replace("is skipped", "is required when CI is set"));
      }
      System.out.println("SKIPPED StatusPageBrowserTest: " + reason);
      Assumptions.abort(reason);
    }
    live = LiveHq.start(dir, Duration.ofSeconds(1));
    live.closeTodayAtA();
    live.closeTodayAtUnpinnedB();
    Eventually.await(
        "outlet-a closed and the quarantine on the page",
        WAIT,
        () -> {
          String page = live.get("/").body();
          return page.contains("data-state=\"closed\"") && page.contains("UNKNOWN_SENDER");
        });
  }

  @AfterAll
  static void stop() throws Exception {
    if (live != null) {
      live.close();
    }
  }

  @Test
  void page_inHeadlessChromium_refreshesItselfAndShowsTheOutletRows() throws Exception {
    double before = pageViews();

    // Virtual time runs past three refresh periods: the page fetches itself again meanwhile.
    String dom = browse("--dump-dom", "--virtual-time-budget=3500");

    assertThat(pageViews() - before).as("page loads by Chromium").isGreaterThanOrEqualTo(3);
    assertThat(dom)
        .containsPattern("<body data-refresh-seconds=\"1\" data-refreshes=\"[2-9]\">")
        .contains("<tr id=\"outlet-outlet-a\" class=\"outlet\" data-state=\"closed\">")
        .contains("<tr id=\"outlet-outlet-c\" class=\"outlet\" data-state=\"missing\">")
        .contains("UNKNOWN_SENDER")
        .contains("EUR 207.30")
        .contains("outpost.closings");
  }

  @Test
  void page_inHeadlessChromium_screenshotIsANonBlankPng() throws Exception {
    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);

    browse("--screenshot=" + SCREENSHOT.toAbsolutePath(), "--virtual-time-budget=1500");

    byte[] png = Files.readAllBytes(SCREENSHOT);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
    BufferedImage image = ImageIO.read(SCREENSHOT.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(900);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colours.add(image.getRGB(x, y));
      }
    }
    // A blank or error page has a handful of colours; text, pills and table lines have many.
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(50);
    // The header bar is the page's dark blue, so the page itself rendered, not an error page.
    assertThat(image.getRGB(5, 5) & 0xffffff).isEqualTo(0x1f2d3d);
    System.out.println("status page screenshot: " + SCREENSHOT.toAbsolutePath());
  }

  private static double pageViews() throws Exception {
    Double views = sample(live.get("/metrics").body(), "outpost_http_requests_total", "path", "/");
    return views == null ? 0 : views;
  }

  /** Runs Chromium headless on the page with the given extra flags; returns its stdout. */
  private static String browse(String... flags) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,900",
                "--hide-scrollbars"));
    command.addAll(List.of(flags));
    command.add(live.url);
    Path stdout = dir.resolve("chromium-" + System.nanoTime() + ".out");
    Path stderr = dir.resolve("chromium-" + System.nanoTime() + ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "Chromium did not finish within " + BROWSER_TIMEOUT.toSeconds() + " s");
    }
    assertThat(process.exitValue())
        .as("Chromium's exit code; stderr: %s", Files.readString(stderr, StandardCharsets.UTF_8))
        .isEqualTo(0);
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static String findChromium() {
    for (String name : new String[] {"chromium", "chromium-browser"}) {
      for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path candidate = Path.of(entry, name);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }
}
