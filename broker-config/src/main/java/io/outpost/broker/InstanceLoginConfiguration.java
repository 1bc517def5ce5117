package io.outpost.broker;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.URIParameter;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;

/**
 * The instance's {@code login.config}, read as the JDK reads a JAAS file, with each login module
 * told to find its properties files in the instance's {@code etc/}.
 *
 * <p>The distribution finds them beside the file named by {@code java.security.auth.login.config};
 * that property is global to the JVM, and several in-JVM brokers of parallel tests each need their
 * own files.
 */
final class InstanceLoginConfiguration extends SecurityConfiguration {

  private final Configuration file;
  private final String baseDir;

  private InstanceLoginConfiguration(Configuration file, Path etc) {
    this.file = file;
    this.baseDir = etc.toAbsolutePath().toString();
  }

  static InstanceLoginConfiguration load(Path etc) throws BrokerException {
    Path loginConfig = etc.resolve(BrokerConfig.LOGIN_CONFIG);
    InstanceFiles.readText(loginConfig);
    try {
      Configuration file =
          Configuration.getInstance("JavaLoginConfig", new URIParameter(loginConfig.toUri()));
      return new InstanceLoginConfiguration(file, etc);
    } catch (NoSuchAlgorithmException | SecurityException e) {
      throw new BrokerException(
          BrokerException.Reason.CORRUPT_FILE, "cannot read " + loginConfig, e);
    }
  }

  @Override
  public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
    AppConfigurationEntry[] entries = file.getAppConfigurationEntry(name);
    if (entries == null) {
      return null;
    }
    AppConfigurationEntry[] located = new AppConfigurationEntry[entries.length];
    for (int i = 0; i < entries.length; i++) {
      Map<String, Object> options = new HashMap<>(entries[i].getOptions());
      options.putIfAbsent("baseDir", baseDir);
      located[i] =
          new AppConfigurationEntry(
              entries[i].getLoginModuleName(), entries[i].getControlFlag(), options);
    }
    return located;
  }

  @Override
  public void refresh() {
    file.refresh();
  }
}
