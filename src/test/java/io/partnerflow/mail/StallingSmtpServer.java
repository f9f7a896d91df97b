package io.partnerflow.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on the loopback interface that is slow on purpose: it can answer every step late,
 * or store a mail and hold back its final reply (for one that never answers, see
 * testsupport.SilentServer). Enough SMTP for JavaMail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT);
 * mails are kept as text.
 */
final class StallingSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<String> mails = new CopyOnWriteArrayList<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private volatile Duration replyDelay = Duration.ZERO;
  private volatile Duration finalReplyDelay = Duration.ZERO;

  StallingSmtpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "stalling-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Waits this long before every reply. */
  StallingSmtpServer replyingAfter(Duration delay) {
    replyDelay = delay;
    return this;
  }

  /** Stores each mail at once but answers its end of data this late. */
  StallingSmtpServer holdingTheFinalReplyFor(Duration delay) {
    finalReplyDelay = delay;
    return this;
  }

  /** The mails stored so far, whole, as received after DATA. */
  List<String> mails() {
    return List.copyOf(mails);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.add(connection);
        Thread session = new Thread(() -> converse(connection), "stalling-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void converse(Socket connection) {
    try (connection;
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII))) {
      OutputStream out = connection.getOutputStream();
      reply(out, "220 stalling ESMTP", replyDelay);
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (command) {
          case "EHLO", "HELO" -> reply(out, "250 stalling", replyDelay);
          case "DATA" -> {
            reply(out, "354 go ahead", replyDelay);
            StringBuilder mail = new StringBuilder();
            String data;
            while ((data = in.readLine()) != null && !data.equals(".")) {
              mail.append(data).append('\n');
            }
            mails.add(mail.toString());
            reply(out, "250 stored", finalReplyDelay.plus(replyDelay));
          }
          case "QUIT" -> {
            reply(out, "221 bye", Duration.ZERO);
            return;
          }
          default -> reply(out, "250 OK", replyDelay);
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up or the server closed: nothing to report
    }
  }

  private static void reply(OutputStream out, String text, Duration delay) throws IOException, InterruptedException {
    Thread.sleep(delay.toMillis());
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
