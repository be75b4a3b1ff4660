package com.cspflow.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.WebUtils;

/**
 * A request whose body was read once (to check its size, to hash it, to look into it) and is offered again to what
 * follows: as a stream, and as the parameters of a form (which the container can no longer parse from a stream
 * already read).
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

  private final byte[] body;
  private Map<String, String[]> parameters;

  public CachedBodyRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
  }

  public byte[] body() {
    return body;
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
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
        throw new UnsupportedOperationException("blocking reads only");
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
  public String getParameter(String name) {
    String[] values = getParameterMap().get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  @Override
  public String[] getParameterValues(String name) {
    return getParameterMap().get(name);
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(getParameterMap().keySet());
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    if (WebUtils.getNativeRequest(getRequest(), CachedBodyRequest.class) != null) {
      // A request read once already, and offered again here: the form's parameters are that one's, not twice
      return super.getParameterMap();
    }
    if (parameters == null) {
      // The query's parameters (the container finds the body read already), then the form's.
      Map<String, List<String>> all = new LinkedHashMap<>();
      super.getParameterMap().forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>())
          .addAll(Arrays.asList(values)));
      if (getContentType() != null && getContentType().toLowerCase().startsWith("application/x-www-form-urlencoded")) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
          if (!pair.isEmpty()) {
            int equals = pair.indexOf('=');
            all.computeIfAbsent(decoded(equals < 0 ? pair : pair.substring(0, equals)), n -> new ArrayList<>())
                .add(equals < 0 ? "" : decoded(pair.substring(equals + 1)));
          }
        }
      }
      Map<String, String[]> map = new LinkedHashMap<>();
      all.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
      parameters = Collections.unmodifiableMap(map);
    }
    return parameters;
  }

  private static String decoded(String part) {
    try {
      return URLDecoder.decode(part, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return part;
    }
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
  }
}
