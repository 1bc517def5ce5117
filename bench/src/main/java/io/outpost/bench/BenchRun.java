package io.outpost.bench;

import java.io.PrintStream;

/**
 * One family of measurements and the baselines they are read against: the crypto micro-benchmarks,
 * HQ ingest, and the other end-to-end runs (menu burst, latency, memory) as they land. A run
 * measures each baseline itself, in the same call as the figures it judges, so that both see the
 * same machine in the same state.
 */
public interface BenchRun {

  /** A short lower-case name, the prefix of its measurement ids. */
  String name();

  /**
   * Measures everything this run covers.
   *
   * @param progress where to report progress for the operator (never a sales figure or a key)
   * @throws BenchException RUN_FAILED when a benchmark failed or its fixtures did not verify
   */
  RunOutcome run(RunSettings settings, PrintStream progress) throws BenchException;
}
