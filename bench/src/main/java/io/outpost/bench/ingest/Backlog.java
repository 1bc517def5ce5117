package io.outpost.bench.ingest;

import io.outpost.bench.crypto.Fixtures;
import io.outpost.keystore.Identity;
import io.outpost.keystore.IdentityGenerator;
import io.outpost.keystore.KeystoreException;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TrustStore;
import io.outpost.message.Addresses;
import io.outpost.message.SecureMessageException;
import io.outpost.message.SecureMessages;
import io.outpost.message.WireProperties;
import io.outpost.message.payload.Closing;
import io.outpost.message.payload.PayloadCodec;
import io.outpost.message.payload.SalesDay;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A backlog of sealed closings as outlets would leave it on the broker after days offline: HQ and
 * {@code outlets} outlets with fresh keys, and for each outlet a chain of {@code days} closings
 * (sequence, previous digest, one business day each) of the example day of sales, sealed once and
 * kept in files under {@code dir} so that every round sends the same bytes into a fresh broker.
 * Each closing's plain JSON is kept beside it, for the baseline without sealing.
 */
public final class Backlog {

  public static final String HQ_ID = "hq";
  private static final int SEND_COMMIT_EVERY = 50;

  private final Path dir;
  private final Identity hq;
  private final List<Identity> outlets;
  private final List<String> passwords;
  private final int days;
  private final long bytes;

  private Backlog(
      Path dir, Identity hq, List<Identity> outlets, List<String> passwords, int days, long bytes) {
    this.dir = dir;
    this.hq = hq;
    this.outlets = outlets;
    this.passwords = passwords;
    this.days = days;
    this.bytes = bytes;
  }

  /**
   * Generates the keys and seals the closings, on {@code threads} threads; with {@code days} 0, a
   * fleet of outlets with their keys and logins and no backlog.
   */
  public static Backlog create(Path dir, int outletCount, int days, int keyBits, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<Identity> hqKey = pool.submit(() -> generate(HQ_ID, keyBits));
      List<Future<Identity>> outletKeys = new ArrayList<>();
      for (int i = 0; i < outletCount; i++) {
        String id = outletId(i);
        outletKeys.add(pool.submit(() -> generate(id, keyBits)));
      }
      Identity hq = hqKey.get();
      List<Identity> outlets = new ArrayList<>();
      for (Future<Identity> key : outletKeys) {
        outlets.add(key.get());
      }
      SalesDay sales = Fixtures.salesDay();
      List<Future<Long>> sealed = new ArrayList<>();
      for (Identity outlet : outlets) {
        sealed.add(pool.submit(() -> sealChain(dir, outlet, hq, sales, days)));
      }
      long bytes = 0;
      for (Future<Long> f : sealed) {
        bytes += f.get();
      }
      SecureRandom random = new SecureRandom();
      List<String> passwords = new ArrayList<>();
      for (int i = 0; i < outletCount + 1; i++) {
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        passwords.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
      }
      return new Backlog(dir, hq, outlets, passwords, days, bytes);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A fleet of {@code outletCount} outlets and HQ with fresh keys and logins, and no backlog. */
  public static Backlog fleet(Path dir, int outletCount, int keyBits) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    return create(Files.createDirectory(dir), outletCount, 0, keyBits, threads);
  }

  static String outletId(int index) {
    return String.format("outlet-%03d", index + 1);
  }

  public Identity hq() {
    return hq;
  }

  public List<Identity> outlets() {
    return outlets;
  }

  /** Each outlet's messages as the outlet sees them: its own key, HQ's certificate pinned. */
  public List<SecureMessages> outletMessages(Clock clock) {
    TrustStore hqPinned =
        TrustStore.of(List.of(new PinnedCertificate(hq.id(), hq.certificate(), false)));
    return outlets.stream().map(o -> new SecureMessages(o, hqPinned, clock)).toList();
  }

  /** HQ's trust store: every outlet pinned. */
  public TrustStore hqTrust() {
    return TrustStore.of(
        outlets.stream().map(o -> new PinnedCertificate(o.id(), o.certificate(), false)).toList());
  }

  int closings() {
    return closings(days);
  }

  /** The closings of the first {@code days} of each outlet's chain. */
  int closings(int days) {
    return outlets.size() * days;
  }

  long bytes() {
    return bytes;
  }

  /** The broker password of HQ ({@code index} -1) or of outlet {@code index}. */
  public String password(int index) {
    return passwords.get(index + 1);
  }

  /**
   * Sends the first {@code days} closings of each outlet as the outlet does: its own login, a
   * persistent bytes message with the routing properties and the message id as duplicate id,
   * committed in small transactions; sealed, or as their {@code plain} JSON.
   */
  void send(String brokerUrl, int days, boolean plain) throws IOException {
    for (int i = 0; i < outlets.size(); i++) {
      String id = outlets.get(i).id();
      try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
          JMSContext context =
              factory.createContext(id, password(i), JMSContext.SESSION_TRANSACTED);
          DataInputStream in =
              new DataInputStream(
                  new BufferedInputStream(Files.newInputStream(file(dir, id, plain))))) {
        Queue queue = context.createQueue(Addresses.CLOSINGS);
        JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        int sent = 0;
        while (sent < days) {
          String messageId;
          try {
            messageId = in.readUTF();
          } catch (EOFException end) {
            break;
          }
          byte[] body = in.readNBytes(in.readInt());
          BytesMessage message = context.createBytesMessage();
          message.writeBytes(body);
          message.setStringProperty(WireProperties.TYPE, WireProperties.TYPE_CLOSING);
          message.setStringProperty(WireProperties.FROM, id);
          message.setStringProperty(WireProperties.DUPLICATE_ID, messageId);
          producer.send(queue, message);
          if (++sent % SEND_COMMIT_EVERY == 0) {
            context.commit();
          }
        }
        context.commit();
      } catch (JMSException e) {
        throw new IOException("sending outlet " + id + "'s closings failed: " + e, e);
      }
    }
  }

  private static Long sealChain(Path dir, Identity outlet, Identity hq, SalesDay sales, int days)
      throws IOException, SecureMessageException {
    Clock clock = Clock.systemUTC();
    SecureMessages messages =
        new SecureMessages(
            outlet,
            TrustStore.of(List.of(new PinnedCertificate(hq.id(), hq.certificate(), false))),
            clock);
    PayloadCodec codec = new PayloadCodec();
    long bytes = 0;
    String previous = null;
    try (DataOutputStream out = output(file(dir, outlet.id(), false));
        DataOutputStream plainOut = output(file(dir, outlet.id(), true))) {
      for (int day = 0; day < days; day++) {
        SalesDay onDay =
            new SalesDay(sales.businessDate().plusDays(day), sales.currency(), sales.lines());
        Closing closing =
            onDay.toClosing(
                UUID.randomUUID(), outlet.id(), hq.id(), clock.instant(), day + 1L, previous, null);
        byte[] sealed = messages.sealClosing(closing);
        byte[] json = codec.encode(closing);
        write(out, closing, sealed);
        write(plainOut, closing, json);
        bytes += sealed.length;
        previous = sha256Hex(json);
      }
    }
    return bytes;
  }

  private static DataOutputStream output(Path file) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
  }

  private static void write(DataOutputStream out, Closing closing, byte[] body) throws IOException {
    out.writeUTF(closing.messageId().toString());
    out.writeInt(body.length);
    out.write(body);
  }

  private static Path file(Path dir, String outletId, boolean plain) {
    return dir.resolve(outletId + (plain ? ".json" : ".sealed"));
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static Identity generate(String id, int bits) throws KeystoreException {
    Instant now = Instant.now();
    return new IdentityGenerator()
        .generate(id, bits, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
        .identity();
  }
}
