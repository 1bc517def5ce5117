package io.outpost.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy on loopback in front of a server, whose link the suite controls: {@link #cut} closes
 * every open connection and refuses new ones, {@link #dropConnections} only closes the open ones
 * (as a server that terminates its backends would), {@link #restore} accepts again on the same
 * port.
 */
final class TcpProxy implements AutoCloseable {

  private final int targetPort;
  private final int port;
  private final List<Socket> open = new ArrayList<>();
  private ServerSocket server;
  private Thread acceptor;
  private int accepted;

  TcpProxy(int targetPort) {
    this.targetPort = targetPort;
    this.port = Ports.free();
    restore();
  }

  int port() {
    return port;
  }

  /** Accepts connections again (after {@link #cut}). */
  synchronized void restore() {
    if (server != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + port, e);
    }
    ServerSocket listening = server;
    acceptor = new Thread(() -> accept(listening), "proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The database is gone: open connections are reset and new ones refused. */
  synchronized void cut() {
    if (server != null) {
      closeQuietly(server);
      server = null;
    }
    dropConnections();
  }

  /** Every open connection closed at once; new ones are still accepted. */
  synchronized void dropConnections() {
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  synchronized int accepted() {
    return accepted;
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        return;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(upstream);
        continue;
      }
      synchronized (this) {
        if (listening != server) {
          closeQuietly(client);
          closeQuietly(upstream);
          return;
        }
        open.add(client);
        open.add(upstream);
        accepted++;
      }
      pump(client, upstream);
      pump(upstream, client);
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (SocketException e) {
                // the other side or the suite closed the link
              } catch (IOException e) {
                // same: a proxy only passes bytes
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
  }

  @Override
  public void close() {
    cut();
  }
}
