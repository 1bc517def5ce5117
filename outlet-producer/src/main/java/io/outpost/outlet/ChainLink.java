package io.outpost.outlet;

/**
 * Where the next closing joins the outlet's chain: its sequence and the content digest of the
 * closing before it (null for the first), so that HQ sees a gap or a fork.
 */
public record ChainLink(long sequence, String previousDigest) {

  /** The first closing an outlet ever seals. */
  public static final ChainLink FIRST = new ChainLink(1, null);

  public ChainLink {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1");
    }
    if ((sequence == 1) != (previousDigest == null)) {
      throw new IllegalArgumentException("only the first closing has no previous digest");
    }
  }
}
