package io.outpost.bench;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run measured, the comparisons to print, and notes on its fixtures (sizes, key sizes) for
 * the report's header. Every comparison names figures of this outcome.
 */
public record RunOutcome(
    List<Measurement> measurements, List<Comparison> comparisons, Map<String, String> notes) {

  public RunOutcome {
    measurements = List.copyOf(measurements);
    comparisons = List.copyOf(comparisons);
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    Set<String> ids = new HashSet<>();
    for (Measurement m : measurements) {
      if (!ids.add(m.id())) {
        throw new IllegalArgumentException("measurement " + m.id() + " appears twice");
      }
    }
    for (Comparison c : comparisons) {
      if (!ids.contains(c.figureId()) || !ids.contains(c.baselineId())) {
        throw new IllegalArgumentException(
            "comparison " + c.figureId() + " / " + c.baselineId() + " names an unmeasured figure");
      }
    }
  }
}
