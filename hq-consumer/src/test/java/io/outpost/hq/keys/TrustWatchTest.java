package io.outpost.hq.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.outpost.keystore.Identity;
import io.outpost.keystore.PinnedCertificate;
import io.outpost.keystore.TestIdentities;
import io.outpost.keystore.TrustDirectory;
import io.outpost.keystore.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustWatchTest {

  @TempDir Path dir;

  private final AtomicLong nanos = new AtomicLong();
  private final Identity outlet = TestIdentities.of("outlet-a");

  @Test
  void current_afterARevocation_seesItOnceTheIntervalPassed() throws Exception {
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    TrustWatch watch = new TrustWatch(dir, Duration.ofSeconds(1), nanos::get);
    TrustStore before = watch.current();

    TrustDirectory.revoke(dir, "outlet-a");
    TrustStore tooSoon = watch.current();
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    TrustStore after = watch.current();

    assertThat(before.pinned("outlet-a")).noneMatch(PinnedCertificate::revoked);
    assertThat(tooSoon).isSameAs(before);
    assertThat(after.pinned("outlet-a")).allMatch(PinnedCertificate::revoked);
  }

  @Test
  void current_nothingChanged_keepsTheSameStoreWithoutReloading() throws Exception {
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    TrustWatch watch = new TrustWatch(dir, Duration.ZERO, nanos::get);
    TrustStore first = watch.current();
    nanos.addAndGet(1);

    assertThat(watch.current()).isSameAs(first);
  }

  @Test
  void current_aNewPeer_isSeen() throws Exception {
    TrustWatch watch = new TrustWatch(dir, Duration.ZERO, nanos::get);
    assertThat(watch.current().all()).isEmpty();

    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    nanos.addAndGet(1);

    assertThat(watch.current().knows("outlet-a")).isTrue();
  }

  @Test
  void current_aDirectoryThatFailsToLoad_keepsTheLastGoodOne() throws Exception {
    TrustDirectory.pin(dir, outlet.certificate(), outlet.fingerprint());
    TrustWatch watch = new TrustWatch(dir, Duration.ZERO, nanos::get);
    TrustStore good = watch.current();

    Files.writeString(dir.resolve("trusted/outlet-a/notes.txt"), "copied in by hand");
    nanos.addAndGet(1);

    assertThat(watch.current()).isSameAs(good);
  }
}
