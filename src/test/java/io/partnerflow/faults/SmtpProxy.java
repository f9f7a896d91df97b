package io.partnerflow.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the harness's SMTP server that plays the faults of a real one: down
 * (connections refused, open ones cut), slow (every chunk delayed) and "hold the final reply" (the
 * mail is forwarded and stored, but the server's answer to the terminating dot reaches the client
 * only after a while). It reads the SMTP dialogue just enough to know where a mail's data ends and
 * which Message-ID it carries, and logs when each mail was accepted and acknowledged, which is what
 * classifies a duplicate as inside or outside the crash window ({@link Deliveries}).
 */
final class SmtpProxy implements AutoCloseable {

  enum Mode { UP, DOWN, SLOW, HOLD }

  private final int port;
  private final int targetPort;
  private final Deliveries deliveries;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  /** Message-IDs whose final reply was held once: a stall per mail, so a retry is answered at once. */
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.UP;
  private volatile long holdMillis;
  private volatile long slowMillis = 200;
  private volatile ServerSocket server;

  SmtpProxy(int port, int targetPort, Deliveries deliveries) {
    this.port = port;
    this.targetPort = targetPort;
    this.deliveries = deliveries;
  }

  int port() {
    return port;
  }

  synchronized void up() throws IOException {
    mode = Mode.UP;
    listen();
  }

  /** Refuses new connections (the listening socket is closed) and cuts the open ones. */
  synchronized void down() {
    mode = Mode.DOWN;
    closeQuietly(server);
    server = null;
    open.forEach(SmtpProxy::closeQuietly);
  }

  synchronized void slow(long delayMillis) throws IOException {
    slowMillis = delayMillis;
    mode = Mode.SLOW;
    listen();
  }

  synchronized void holdFinalReply(long millis) throws IOException {
    holdMillis = millis;
    mode = Mode.HOLD;
    listen();
  }

  private void listen() throws IOException {
    if (server != null) {
      return;
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = socket;
    start("smtp-proxy-accept", () -> acceptLoop(socket));
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        Connection connection = new Connection();
        start("smtp-proxy-c2s", () -> clientToServer(client, upstream, connection));
        start("smtp-proxy-s2c", () -> serverToClient(upstream, client, connection));
      } catch (IOException e) {
        return; // closed: down() or close()
      }
    }
  }

  /** What one connection's two pumps share: where the dialogue is. */
  private static final class Connection {
    final StringBuilder line = new StringBuilder();
    final StringBuilder headers = new StringBuilder();
    boolean inData;
    int tail; // matches of "\r\n.\r\n" so far
    volatile String messageId;
    volatile long acceptedAt;
    volatile boolean finalReplyPending;
  }

  private void clientToServer(Socket client, Socket upstream, Connection c) {
    byte[] buffer = new byte[8192];
    try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        delayIfSlow();
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (observe(c, buffer[i])) {
            // The dot ends the data: mark the next server reply as the final one before the server can send it
            c.acceptedAt = System.currentTimeMillis();
            c.finalReplyPending = true;
            deliveries.accepted(c.messageId, c.acceptedAt);
            out.write(buffer, from, i + 1 - from);
            out.flush();
            from = i + 1;
          }
        }
        out.write(buffer, from, n - from);
        out.flush();
      }
    } catch (IOException ignored) {
      // either side went away
    } finally {
      if (c.finalReplyPending) {
        // The product hung up while its final reply was still held: to it, that send failed
        deliveries.unacknowledged(c.messageId);
      }
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /** Feeds one client byte through the dialogue; true when it was the last byte of a mail's data. */
  private static boolean observe(Connection c, byte b) {
    char ch = (char) (b & 0xff);
    if (!c.inData) {
      if (ch == '\n') {
        String command = c.line.toString().strip().toUpperCase();
        c.line.setLength(0);
        if (command.equals("DATA")) {
          c.inData = true;
          c.tail = 2; // the data starts at a line start, as if "\r\n" had just been seen
          c.headers.setLength(0);
          c.messageId = null;
        }
      } else if (c.line.length() < 1000) {
        c.line.append(ch);
      }
      return false;
    }
    if (c.messageId == null && c.headers.length() < 65536) {
      c.headers.append(ch);
      if (ch == '\n') {
        c.messageId = messageId(c.headers);
      }
    }
    String terminator = "\r\n.\r\n";
    c.tail = ch == terminator.charAt(c.tail) ? c.tail + 1 : (ch == '\r' ? 1 : 0);
    if (c.tail == terminator.length()) {
      c.inData = false;
      c.tail = 0;
      return true;
    }
    return false;
  }

  private static String messageId(StringBuilder headers) {
    int end = headers.length() - 1;
    int start = headers.lastIndexOf("\n", end - 1) + 1;
    String line = headers.substring(start, end).strip();
    if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
      return line.substring(11).strip();
    }
    return null;
  }

  private void serverToClient(Socket upstream, Socket client, Connection c) {
    byte[] buffer = new byte[8192];
    try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        delayIfSlow();
        boolean finalReply = c.finalReplyPending;
        if (finalReply && mode == Mode.HOLD && c.messageId != null && held.add(c.messageId)) {
          sleep(holdMillis);
        }
        try {
          out.write(buffer, 0, n);
          out.flush();
        } catch (IOException e) {
          if (finalReply) {
            deliveries.unacknowledged(c.messageId);
          }
          throw e;
        }
        if (finalReply) {
          c.finalReplyPending = false;
          deliveries.acknowledged(c.messageId, System.currentTimeMillis());
        }
      }
    } catch (IOException ignored) {
      // either side went away
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  private void delayIfSlow() {
    if (mode == Mode.SLOW) {
      sleep(slowMillis);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  @Override
  public synchronized void close() {
    down();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
