package io.outpost.bench.crypto;

import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.PayloadException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The strict JSON codec on the example closing: what sealing and opening spend outside crypto. */
public class CodecBench {

  /** The closing and its JSON. */
  @State(Scope.Benchmark)
  public static class Documents {
    PayloadCodec codec;
    Closing closing;
    byte[] json;

    @Setup(Level.Trial)
    public void setUp() throws PayloadException {
      codec = new PayloadCodec();
      closing = Fixtures.closing();
      json = codec.encode(closing);
      if (!codec.decode(json, Closing.class).equals(closing)) {
        throw new IllegalStateException("the closing did not survive encoding and decoding");
      }
    }
  }

  @Benchmark
  public byte[] encodeClosing(Documents d) {
    return d.codec.encode(d.closing);
  }

  @Benchmark
  public Closing decodeClosing(Documents d) throws PayloadException {
    return d.codec.decode(d.json, Closing.class);
  }
}
