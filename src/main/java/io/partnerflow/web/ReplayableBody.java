package io.partnerflow.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body a filter has read (bounded) and that the next in the chain can read again:
 * the submission guard, the /api size bound and the login throttle each look at a body first.
 */
public final class ReplayableBody extends HttpServletRequestWrapper {

  /** The body is larger than allowed. */
  public static final class TooLargeException extends Exception {}

  private final byte[] body;

  public ReplayableBody(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  /** Reads the body, at most {@code maxBytes} of it. */
  public static ReplayableBody read(HttpServletRequest request, int maxBytes) throws IOException, TooLargeException {
    if (request.getContentLengthLong() > maxBytes) {
      throw new TooLargeException();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = request.getInputStream()) {
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) != -1) {
        out.write(buffer, 0, read);
        if (out.size() > maxBytes) {
          throw new TooLargeException();
        }
      }
    }
    return new ReplayableBody(request, out.toByteArray());
  }

  public byte[] body() {
    return body;
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
    return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }
}
