package io.outpost.hq;

/** Reads one sample out of a Prometheus text exposition, for assertions. */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * The value of the sample {@code name} whose labels include every {@code key="value"} pair given,
   * or null when there is none.
   */
  static Double sample(String exposition, String name, String... labels) {
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < labels.length; i += 2) {
        all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
      }
      if (all) {
        String value = line.substring(line.lastIndexOf(' ') + 1);
        return value.equals("NaN") ? Double.NaN : Double.parseDouble(value);
      }
    }
    return null;
  }
}
