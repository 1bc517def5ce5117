package io.outpost.broker;

import java.util.List;
import java.util.SortedSet;

/**
 * Renders the instance's {@code broker.properties}: for each outlet, its inbox queue and the
 * permissions of its role, as Artemis broker properties.
 *
 * <p>Artemis applies these after {@code broker.xml}: a role added under {@code outpost.closings}
 * joins the roles {@code broker.xml} grants there, and a setting under the outlet's own inbox is
 * the most specific match for it, so it names every role that may touch that inbox. Artemis
 * re-reads the file while it runs; an outlet dropped from it loses its permissions and its inbox.
 */
final class OutletSettings {

  static final String CLOSINGS = "outpost.closings";
  static final String MENU_REQUESTS = "outpost.menu.requests";

  private OutletSettings() {}

  static String inbox(String outletId) {
    return "outpost.outlet." + outletId + ".inbox";
  }

  static String render(List<String> header, SortedSet<String> outletIds) {
    StringBuilder text = new StringBuilder();
    header.forEach(line -> text.append(line).append('\n'));
    for (String id : outletIds) {
      String inbox = quote(inbox(id));
      String address = "addressConfigurations." + inbox;
      String queue = address + ".queueConfigs." + inbox;
      text.append('\n').append("# outlet ").append(id).append('\n');
      line(text, address + ".routingTypes", "ANYCAST");
      line(text, queue + ".routingType", "ANYCAST");
      line(text, queue + ".durable", "true");
      line(text, "securityRoles." + inbox + "." + id + ".consume", "true");
      line(text, "securityRoles." + inbox + "." + BrokerAccounts.HQ_ROLE + ".send", "true");
      line(text, "securityRoles." + inbox + "." + BrokerAccounts.ADMIN_ROLE + ".browse", "true");
      line(text, "securityRoles." + quote(CLOSINGS) + "." + id + ".send", "true");
      line(text, "securityRoles." + quote(MENU_REQUESTS) + "." + id + ".send", "true");
    }
    return text.toString();
  }

  private static String quote(String address) {
    return '"' + address + '"';
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append(key).append('=').append(value).append('\n');
  }
}
