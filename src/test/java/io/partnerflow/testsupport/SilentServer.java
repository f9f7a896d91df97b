package io.partnerflow.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts TCP connections on the loopback interface and never says a word, as a hung server does
 * (an IMAP server owes a greeting first). Holds every connection open until closed.
 */
public final class SilentServer implements AutoCloseable {

  private final AtomicInteger accepted = new AtomicInteger();
  private final ServerSocket socket;
  private final Queue<Socket> held = new ConcurrentLinkedQueue<>();

  public SilentServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          held.add(socket.accept());
          accepted.incrementAndGet();
        } catch (IOException closed) {
          return;
        }
      }
    }, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** How many connections it accepted. */
  public int accepted() {
    return accepted.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : held) {
      connection.close();
    }
  }
}
