package io.outpost.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;

/** Free loopback ports, never one that belongs to another broker on this machine. */
final class Ports {

  /** AMQP and MQTT brokers of this machine, and Artemis's defaults that a developer may run. */
  private static final Set<Integer> RESERVED = Set.of(5672, 1883, 61616, 8161);

  private Ports() {}

  static int free() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (!RESERVED.contains(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free loopback port", e);
      }
    }
    throw new IllegalStateException("no free loopback port after 20 attempts");
  }

  /** Whether something accepts connections on the loopback port. */
  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
