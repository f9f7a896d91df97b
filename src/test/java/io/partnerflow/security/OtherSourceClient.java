package io.partnerflow.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 from another client address (127.0.0.2: Linux answers the whole 127/8 on loopback), as
 * a second machine would call: Java's HttpClient cannot choose its source address. One request per
 * connection, cookies kept by name. Just enough HTTP for the login tests.
 */
final class OtherSourceClient {

  static final String ADDRESS = "127.0.0.2";

  record Response(int status, Map<String, String> headers, String body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  OtherSourceClient(int port) {
    this.port = port;
  }

  Response get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  Response postForm(String path, Map<String, String> headers, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/x-www-form-urlencoded");
    return send("POST", path, all, body.toString());
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  private Response send(String method, String path, Map<String, String> headers, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nConnection: close\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    if (!cookies.isEmpty()) {
      request.append("Cookie: ");
      cookies.forEach((k, v) -> request.append(k).append('=').append(v).append("; "));
      request.append("\r\n");
    }
    if (body != null) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(ADDRESS, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Response parse(InputStream in) throws IOException {
    String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("set-cookie")) {
        Matcher cookie = Pattern.compile("([^=;]+)=([^;]*)").matcher(value);
        if (cookie.find()) {
          cookies.put(cookie.group(1).trim(), cookie.group(2));
        }
      }
      headers.merge(name, value, (a, b) -> a + ", " + b);
    }
    String body = raw.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Response(status, headers, body);
  }

  private static String unchunk(String body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      byte[] chunk = body.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
      out.write(chunk, 0, Math.min(size, chunk.length));
      at = lineEnd + 2 + new String(chunk, 0, Math.min(size, chunk.length), StandardCharsets.UTF_8).length() + 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
