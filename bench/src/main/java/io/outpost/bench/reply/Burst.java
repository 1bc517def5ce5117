package io.outpost.bench.reply;

import io.outpost.bench.ingest.Backlog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many outlets asking at once: each outlet of the fleet logs in and opens its inbox, then, all
 * released together, each sends its requests as fast as the broker stores them while its inbox is
 * read on a thread of its own. The rate runs from the release to the last answer; each wait from a
 * request's send to its answer.
 */
final class Burst {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  /** One request: its id (duplicate id, and the answer's correlation id) and body. */
  record Request(String id, byte[] body) {}

  /** Answers per second, every wait in ms, and every answer's body by outlet. */
  record Result(double answeredPerSecond, List<Double> waitsMillis, List<List<byte[]>> answers) {}

  private record Answer(String correlationId, byte[] body, long at) {}

  private Burst() {}

  /** Sends {@code byOutlet.get(i)} as outlet {@code i} of the fleet, to {@code address}. */
  static Result run(
      String url,
      Backlog fleet,
      List<List<Request>> byOutlet,
      String address,
      String type,
      String replyType)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2 * byOutlet.size());
    List<OutletLink> links = new ArrayList<>();
    try {
      for (int i = 0; i < byOutlet.size(); i++) {
        links.add(
            OutletLink.connect(url, fleet.outlets().get(i).id(), fleet.password(i), replyType));
      }
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Answer>>> receivers = new ArrayList<>();
      List<Future<Void>> senders = new ArrayList<>();
      for (int i = 0; i < byOutlet.size(); i++) {
        OutletLink link = links.get(i);
        List<Request> requests = byOutlet.get(i);
        receivers.add(pool.submit(() -> receive(link, requests.size(), go)));
        senders.add(
            pool.submit(
                () -> {
                  go.await();
                  for (Request request : requests) {
                    // before the send: an answer may come before the send returns
                    sentAt.put(request.id(), System.nanoTime());
                    link.send(address, type, request.id(), request.body());
                  }
                  return null;
                }));
      }
      long start = System.nanoTime();
      go.countDown();
      for (Future<Void> sender : senders) {
        sender.get();
      }
      List<Double> waits = new ArrayList<>();
      List<List<byte[]>> bodies = new ArrayList<>();
      long last = start;
      for (Future<List<Answer>> receiver : receivers) {
        List<byte[]> outletBodies = new ArrayList<>();
        for (Answer answer : receiver.get()) {
          Long sent = sentAt.get(answer.correlationId());
          if (sent == null) {
            throw new IllegalStateException("an answer to no request: " + answer.correlationId());
          }
          waits.add((answer.at() - sent) / 1e6);
          outletBodies.add(answer.body());
          last = Math.max(last, answer.at());
        }
        bodies.add(outletBodies);
      }
      return new Result(waits.size() / ((last - start) / 1e9), waits, bodies);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      pool.shutdownNow();
      links.forEach(OutletLink::close);
    }
  }

  private static List<Answer> receive(OutletLink link, int expected, CountDownLatch go)
      throws Exception {
    go.await();
    List<Answer> answers = new ArrayList<>();
    while (answers.size() < expected) {
      OutletLink.Reply reply = link.receive(ANSWER_TIMEOUT);
      if (reply == null) {
        throw new IllegalStateException(
            "only " + answers.size() + " of " + expected + " answers within " + ANSWER_TIMEOUT);
      }
      answers.add(new Answer(reply.correlationId(), reply.body(), System.nanoTime()));
    }
    return answers;
  }
}
