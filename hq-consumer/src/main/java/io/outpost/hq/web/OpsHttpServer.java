package io.outpost.hq.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.outpost.hq.core.HqException;
import io.outpost.hq.ops.HqStatus;
import io.outpost.hq.ops.OpsMonitor;
import io.outpost.hq.ops.OpsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HQ's local HTTP port, on the JDK's own server: {@code /} the status page, {@code /style.css} and
 * {@code /refresh.js} its stylesheet and refresh script, {@code /health} and {@code /metrics}.
 * Read-only (GET and HEAD), a strict Content-Security-Policy, nothing cached; bound to a loopback
 * address it answers only requests addressed to one, so that a web page elsewhere cannot read it
 * through DNS rebinding.
 */
public final class OpsHttpServer implements AutoCloseable {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self';"
          + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
  private static final String HTML = "text/html; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final OpsMonitor monitor;
  private final StatusPage page;
  private final byte[] stylesheet;
  private final byte[] script;
  private final Clock clock;
  private final Set<String> allowedHosts;
  private final Duration maxStatusAge;

  private OpsHttpServer(
      HttpServer server,
      ExecutorService executor,
      OpsMonitor monitor,
      OpsSettings settings,
      Clock clock) {
    this.server = server;
    this.executor = executor;
    this.monitor = monitor;
    this.page = new StatusPage(settings.zone(), monitor.refresh());
    this.stylesheet = resource("style.css");
    this.script = resource("refresh.js");
    this.clock = clock;
    int port = server.getAddress().getPort();
    this.allowedHosts =
        server.getAddress().getAddress().isLoopbackAddress()
            ? Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)
            : null;
    // A few missed refreshes make the status stale; a slow database alone does not.
    this.maxStatusAge = monitor.refresh().multipliedBy(3).plusSeconds(30);
  }

  /**
   * Starts serving.
   *
   * @throws HqException CONFIG when the address cannot be bound (in use, or not this host's)
   */
  public static OpsHttpServer start(OpsSettings settings, OpsMonitor monitor, Clock clock)
      throws HqException {
    HttpServer server;
    try {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port());
      server = HttpServer.create(address, 16);
    } catch (IOException e) {
      throw new HqException(
          HqException.Reason.CONFIG,
          "cannot serve HTTP on "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + " (http.bind, http.port): "
              + e.getMessage(),
          e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "hq-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    OpsHttpServer ops = new OpsHttpServer(server, executor, monitor, settings, clock);
    server.createContext("/", ops::handle);
    server.start();
    LOG.info("HQ status page, /health and /metrics at {}", ops.url());
    return ops;
  }

  /** The address it listens on (with the port picked when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The page's URL. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + address.getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Headers headers = exchange.getResponseHeaders();
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "no-referrer");
      headers.set("Cache-Control", "no-store");
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      if (allowedHosts != null && !allowedHosts.contains(host(exchange))) {
        send(exchange, 421, "text/plain; charset=utf-8", "unknown host\n");
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        headers.set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "read-only: GET and HEAD\n");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      count(path);
      switch (path) {
        case "/" -> {
          HqStatus status = monitor.status();
          if (status == null) {
            send(exchange, 503, "text/plain; charset=utf-8", "starting\n");
          } else {
            send(exchange, 200, HTML, page.render(status));
          }
        }
        case "/style.css" -> send(exchange, 200, "text/css; charset=utf-8", stylesheet);
        case "/refresh.js" -> send(exchange, 200, "text/javascript; charset=utf-8", script);
        case "/health" -> {
          HealthJson.Health health = HealthJson.of(monitor.status(), clock.instant(), maxStatusAge);
          send(exchange, health.healthy() ? 200 : 503, "application/json", health.json());
        }
        case "/metrics" ->
            send(exchange, 200, OpsMonitor.PROMETHEUS_CONTENT_TYPE, monitor.scrape());
        default -> send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      }
    } catch (RuntimeException e) {
      LOG.error("HTTP request {} failed", exchange.getRequestURI().getPath(), e);
      throw e;
    }
  }

  private void count(String path) {
    String known =
        switch (path) {
          case "/", "/style.css", "/refresh.js", "/health", "/metrics" -> path;
          default -> "other";
        };
    Counter.builder("outpost.http.requests")
        .description("Requests to HQ's status port, by path")
        .tag("path", known)
        .register(monitor.registry())
        .increment();
  }

  private static String host(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    return host == null ? "" : host.toLowerCase(Locale.ROOT);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpsHttpServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops accepting, lets requests in flight finish for a moment, and stops its threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
