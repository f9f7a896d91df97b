package io.partnerflow.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sockets that close themselves a fixed time after they were created. Closing a socket makes a
 * read or write blocked on it fail at once, so a send cannot outlast the deadline even when a
 * server answers each step just within its timeout.
 */
final class DeadlineSocketFactory extends SocketFactory {

  private static final Logger log = LoggerFactory.getLogger(DeadlineSocketFactory.class);

  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "smtp-deadline");
    thread.setDaemon(true);
    return thread;
  });

  private final Duration deadline;

  DeadlineSocketFactory(Duration deadline) {
    this.deadline = deadline;
  }

  Duration deadline() {
    return deadline;
  }

  @Override
  public Socket createSocket() {
    return new DeadlineSocket(deadline);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null, 0);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null, 0);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port), localAddress, localPort);
  }

  private Socket connected(InetSocketAddress remote, InetAddress localAddress, int localPort) throws IOException {
    Socket socket = createSocket();
    try {
      if (localAddress != null) {
        socket.bind(new InetSocketAddress(localAddress, localPort));
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static final class DeadlineSocket extends Socket {

    private final Duration deadline;
    private final ScheduledFuture<?> expiry;

    DeadlineSocket(Duration deadline) {
      this.deadline = deadline;
      this.expiry = WATCHDOG.schedule(this::expire, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire() {
      if (isClosed()) {
        return;
      }
      log.warn("SMTP conversation with {} passed its deadline of {}; closing the connection", getRemoteSocketAddress(),
          deadline);
      try {
        super.close();
      } catch (IOException e) {
        log.debug("Closing an SMTP connection past its deadline failed", e);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      expiry.cancel(false);
      super.close();
    }
  }
}
