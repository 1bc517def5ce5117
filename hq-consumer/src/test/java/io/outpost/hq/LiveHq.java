package io.outpost.hq;

import io.outpost.hq.ops.BrokerLogin;
import io.outpost.hq.ops.OpsSettings;
import io.outpost.keystore.Identity;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.message.payload.Closing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * A running HQ for the status tests: the in-JVM broker, an HQ installation on disk pinning outlet-a
 * and outlet-c (outlet-b has a broker login but no pin, so its closings are quarantined), and the
 * service with its status port on a free port and the admin login.
 */
final class LiveHq implements AutoCloseable {

  static final String UNPINNED = TestBroker.OUTLET_B;
  static final String NEVER_SEEN = "outlet-c";
  static final ZoneId ZONE = ZoneId.systemDefault();

  final TestBroker broker;
  final TestHq hq;
  final HqService service;
  final TestOutlet outletA;
  final TestOutlet outletB;
  final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private LiveHq(TestBroker broker, TestHq hq, HqService service) {
    this.broker = broker;
    this.hq = hq;
    this.service = service;
    this.outletA = TestOutlet.of(TestBroker.OUTLET_A, hq.identity(), broker);
    this.outletB = TestOutlet.of(UNPINNED, hq.identity(), broker);
    this.url = service.statusUrl().orElseThrow();
  }

  static LiveHq start(Path dir, Duration refresh) throws Exception {
    TestBroker broker = TestBroker.start(dir.resolve("broker"));
    try {
      Identity a = TestIdentities.of(TestBroker.OUTLET_A);
      Identity c = TestIdentities.of(NEVER_SEEN);
      TestHq hq = TestHq.create(dir.resolve("hq"), List.of(a, c), broker.url());
      Path adminPassword =
          Files.writeString(
              dir.resolve("hq").resolve("admin.pw"), TestBroker.password(TestBroker.ADMIN) + "\n");
      // The same settings 'hq serve' reads, so that the CLI tests share them.
      Files.writeString(
          hq.config(),
          "admin.user=" + TestBroker.ADMIN + "\nadmin.password-file=" + adminPassword + "\n",
          java.nio.file.StandardOpenOption.APPEND);
      OpsSettings ops =
          new OpsSettings(
              "127.0.0.1",
              0,
              new BrokerLogin(
                  broker.url(), TestBroker.ADMIN, TestBroker.password(TestBroker.ADMIN)),
              hq.keyDir(),
              refresh,
              ZONE);
      HqService service =
          HqService.start(
              new HqService.Settings(
                  broker.hqSettings(), hq.database(), 16, Duration.ofMillis(100), ops),
              hq.identity(),
              TrustDirectory.load(hq.keyDir()),
              Clock.systemUTC());
      return new LiveHq(broker, hq, service);
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  /** A closing of today from outlet-a (three lines, 207.30 EUR), sent as outlet-a. */
  Closing closeTodayAtA() throws Exception {
    Closing closing = outletA.closing(today(), 1, null);
    outletA.sendClosing(outletA.seal(closing), closing.messageId().toString());
    return closing;
  }

  /** A closing from the unpinned outlet-b, which HQ quarantines as UNKNOWN_SENDER. */
  Closing closeTodayAtUnpinnedB() throws Exception {
    Closing closing = outletB.closing(today(), 1, null);
    outletB.sendClosing(outletB.seal(closing), closing.messageId().toString());
    return closing;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url).resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A fresh duplicate id, for messages whose content the test does not care about. */
  static String freshId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() throws Exception {
    try {
      service.close();
    } finally {
      broker.close();
    }
  }
}
