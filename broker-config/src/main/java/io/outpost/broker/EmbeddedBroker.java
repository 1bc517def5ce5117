package io.outpost.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.JsonUtil;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.json.JsonArray;
import org.apache.activemq.artemis.json.JsonObject;
import org.apache.activemq.artemis.json.JsonValue;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.utils.critical.CriticalAnalyzerPolicy;

/**
 * An Artemis broker inside this JVM, configured by the same {@code broker.xml}, login files and
 * {@code broker.properties} as a broker made from the distribution.
 *
 * <p>It reads {@code broker.xml} from the configuration directory and keeps everything it writes or
 * provisioning edits under the instance directory: {@code etc/} (copied from the templates at the
 * first start) and {@code data/} (journal, bindings, paging, large messages). It differs from the
 * distribution's broker only where one JVM must host several brokers: it listens on 127.0.0.1 at
 * the given port, registers no JMX beans, logs instead of halting when its critical analyzer fires,
 * and finds the login files of its own instance. TLS follows {@code broker.xml}: off unless {@code
 * OUTPOST_BROKER_TLS=true} and a keystore are set.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final String ACCEPTOR = "artemis";
  private static final String HOST = "127.0.0.1";
  private static final String SECURITY_DOMAIN = "activemq";
  private static final long START_TIMEOUT_SECONDS = 60;

  private final ActiveMQServer server;
  private final Path instanceDir;
  private final int port;
  private final boolean tls;

  private EmbeddedBroker(ActiveMQServer server, Path instanceDir, int port, boolean tls) {
    this.server = server;
    this.instanceDir = instanceDir;
    this.port = port;
    this.tls = tls;
  }

  /**
   * Starts a broker from {@code configDir/broker.xml} whose instance lives in {@code dataDir}.
   *
   * @param port the port of the acceptor on 127.0.0.1; 0 picks a free one, see {@link #port()}
   * @throws BrokerException if a file is missing or wrong, the users file holds a password that is
   *     not hashed, the per-outlet settings do not apply, or the broker does not start
   */
  public static EmbeddedBroker start(Path configDir, Path dataDir, int port)
      throws BrokerException {
    if (port < 0 || port > 65_535) {
      throw new BrokerException(BrokerException.Reason.INVALID_ARGUMENT, "port " + port);
    }
    Path instanceDir = dataDir.toAbsolutePath().normalize();
    BrokerConfig.initInstance(configDir, instanceDir);
    Path etc = BrokerConfig.etcDir(instanceDir);
    BrokerAccounts.requireHashedPasswords(etc);

    FileConfiguration configuration = parse(configDir.resolve(BrokerConfig.BROKER_XML));
    Path data = instanceDir.resolve("data");
    configuration.setBrokerInstance(instanceDir.toFile());
    configuration.setJournalDirectory(data.resolve("journal").toString());
    configuration.setBindingsDirectory(data.resolve("bindings").toString());
    configuration.setPagingDirectory(data.resolve("paging").toString());
    configuration.setLargeMessagesDirectory(data.resolve("large-messages").toString());
    configuration.setNodeManagerLockDirectory(data.resolve("journal").toString());
    configuration.setJMXManagementEnabled(false);
    configuration.setCriticalAnalyzerPolicy(CriticalAnalyzerPolicy.LOG);
    TransportConfiguration acceptor = localAcceptor(configuration, port);
    configuration.setAcceptorConfigurations(Set.of(acceptor));
    boolean tls = Boolean.parseBoolean(String.valueOf(acceptor.getParams().get("sslEnabled")));

    ActiveMQJAASSecurityManager security =
        new ActiveMQJAASSecurityManager(SECURITY_DOMAIN, InstanceLoginConfiguration.load(etc));
    ActiveMQServerImpl server = new ActiveMQServerImpl(configuration, security);
    server.setProperties(etc.resolve(BrokerConfig.OUTLETS_FILE).toString());
    try {
      server.start();
      if (!server.waitForActivation(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new BrokerException(
            BrokerException.Reason.BROKER_FAILED,
            "the broker did not become active within " + START_TIMEOUT_SECONDS + " s");
      }
      requireAppliedProperties(server);
      NettyAcceptor netty = (NettyAcceptor) server.getRemotingService().getAcceptor(ACCEPTOR);
      return new EmbeddedBroker(server, instanceDir, netty.getActualPort(), tls);
    } catch (BrokerException e) {
      stopQuietly(server);
      throw e;
    } catch (Exception e) {
      stopQuietly(server);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new BrokerException(
          BrokerException.Reason.BROKER_FAILED, "the broker did not start: " + e.getMessage(), e);
    }
  }

  /** The URL clients connect to, such as {@code tcp://127.0.0.1:61616}. */
  public String url() {
    return "tcp://" + HOST + ":" + port;
  }

  /** The port the acceptor listens on, the one picked when 0 was asked. */
  public int port() {
    return port;
  }

  /**
   * Whether the acceptor speaks TLS; clients then add {@code sslEnabled=true} and a trust store.
   */
  public boolean tlsEnabled() {
    return tls;
  }

  /** The instance directory: {@code etc/} for the login files, {@code data/} for the journal. */
  public Path instanceDir() {
    return instanceDir;
  }

  /**
   * Applies {@code broker.xml}, {@code etc/broker.properties} and the login files now, as the
   * broker does by itself within {@code configuration-file-refresh-period} (files) and {@code
   * security-invalidation-interval} (cached logins) of a change.
   */
  public void reloadConfiguration() throws BrokerException {
    try {
      server.reloadConfigurationFile();
      server.getActiveMQServerControl().clearAuthenticationCache();
      server.getActiveMQServerControl().clearAuthorizationCache();
      requireAppliedProperties(server);
    } catch (BrokerException e) {
      throw e;
    } catch (Exception e) {
      throw new BrokerException(
          BrokerException.Reason.BROKER_FAILED, "reload failed: " + e.getMessage(), e);
    }
  }

  /** Stops the broker; its journal stays in the instance directory for the next start. */
  public void stop() throws BrokerException {
    try {
      server.stop();
    } catch (Exception e) {
      throw new BrokerException(
          BrokerException.Reason.BROKER_FAILED, "the broker did not stop: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws BrokerException {
    stop();
  }

  /** The running server, for tests that inspect what the configuration produced. */
  ActiveMQServer server() {
    return server;
  }

  private static FileConfiguration parse(Path brokerXml) throws BrokerException {
    if (!Files.isRegularFile(brokerXml)) {
      throw new BrokerException(BrokerException.Reason.MISSING_FILE, "missing " + brokerXml);
    }
    FileConfiguration configuration = new FileConfiguration();
    FileDeploymentManager deployment =
        new FileDeploymentManager(brokerXml.toAbsolutePath().toUri().toString());
    deployment.addDeployable(configuration);
    try {
      deployment.readConfiguration();
    } catch (Exception e) {
      throw new BrokerException(
          BrokerException.Reason.CORRUPT_FILE,
          "cannot load " + brokerXml + ": " + e.getMessage(),
          e);
    }
    return configuration;
  }

  private static TransportConfiguration localAcceptor(FileConfiguration configuration, int port)
      throws BrokerException {
    TransportConfiguration declared =
        configuration.getAcceptorConfigurations().stream()
            .filter(acceptor -> ACCEPTOR.equals(acceptor.getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new BrokerException(
                        BrokerException.Reason.CORRUPT_FILE,
                        "broker.xml declares no acceptor named '" + ACCEPTOR + "'"));
    Map<String, Object> params = new HashMap<>(declared.getParams());
    params.put(TransportConstants.HOST_PROP_NAME, HOST);
    params.put(TransportConstants.PORT_PROP_NAME, port);
    return new TransportConfiguration(
        declared.getFactoryClassName(), params, declared.getName(), declared.getExtraParams());
  }

  /** Artemis records a broker property it cannot apply in its status and carries on; we stop. */
  private static void requireAppliedProperties(ActiveMQServer server) throws BrokerException {
    JsonObject status = JsonUtil.readJsonObject(server.getConfiguration().getStatus());
    JsonObject properties = status.getJsonObject("properties");
    if (properties == null) {
      return;
    }
    for (Map.Entry<String, JsonValue> source : properties.entrySet()) {
      if (source.getValue() instanceof JsonObject sourceStatus) {
        JsonArray errors = sourceStatus.getJsonArray("errors");
        if (errors != null && !errors.isEmpty()) {
          throw new BrokerException(
              BrokerException.Reason.CORRUPT_FILE,
              "broker properties " + source.getKey() + " did not apply: " + errors);
        }
      }
    }
  }

  private static void stopQuietly(ActiveMQServer server) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // The start already failed; that failure is the one to report.
    }
  }
}
