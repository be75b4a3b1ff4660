package com.cspflow.platform.web;

import com.cspflow.platform.InvalidProcessInput;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A JSON body of the project API must be well-formed UTF-8. Jackson decodes UTF-8 itself and took overlong forms for
 * the characters they spell: {@code C0 BC} became "<", so {@code "Lt\xC0\xBCscript\xC0\xBE AB"} was stored as
 * {@code Lt<script> AB}, past any check of the bytes that were sent. Java's own decoder refuses them, and so does
 * this check (400 naming the field the bytes are in). It runs where the body is read, after the caller's rights and
 * partner were checked: someone who may not call the operation learns nothing about the body.
 */
@ControllerAdvice
class StrictUtf8Bodies extends RequestBodyAdviceAdapter {

  static final String PROBLEM = "must be valid UTF-8 text";
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public boolean supports(MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
  }

  @Override
  public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
    byte[] body = message.getBody().readAllBytes();
    int malformed = firstMalformed(body);
    if (malformed >= 0) {
      throw new InvalidProcessInput(Map.of(fieldAt(body, malformed), PROBLEM));
    }
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return message.getHeaders();
      }
    };
  }

  /** The offset of the first byte that is not well-formed UTF-8, or -1. */
  static int firstMalformed(byte[] body) {
    boolean ascii = true;
    for (int i = 0; i < body.length && ascii; i++) {
      ascii = body[i] >= 0;
    }
    if (ascii) {
      // most bodies (an order, a quantity change): nothing to decode
      return -1;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(body.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : -1;
  }

  /** The name of the field whose value holds the byte at {@code offset} ("body" when none can be told). */
  static String fieldAt(byte[] body, int offset) {
    String field = "body";
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          field = parser.currentName();
        }
        if (parser.currentLocation().getByteOffset() > offset) {
          return field;
        }
      }
      return field;
    } catch (IOException unreadable) {
      // the parser stops at bytes it cannot decode either: they are in the field it was reading
      return field;
    }
  }
}
