package com.cspflow.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How cspflow reads what callers send, in the project API as for process variables: a field gets a value of its own
 * type or the request is refused. No unknown field, no number where text is expected or text where a number is, no
 * fraction or out-of-range number for a whole number (12.9 is not 12, 4294967308 is not 12), no number for a
 * choice, and a choice exactly as named ({@code "NEW_TENANT\u0000"} or {@code " MIGRATE"} is not a choice: Jackson
 * would trim it). What cspflow reads from Microsoft is read leniently, by the Partner Center client's own mapper.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictRequests() {
    return builder -> builder.postConfigurer(StrictJson::configure);
  }

  public static void configure(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
        LogicalType.Enum}) {
      mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper.registerModule(new SimpleModule("exact-enum-names").setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
          BeanDescription description, JsonDeserializer<?> deserializer) {
        return new ExactEnumName(deserializer, type.getRawClass());
      }
    }));
  }

  /** Refuses a choice with anything around its name, which Jackson's own enum reading trims away. */
  static final class ExactEnumName extends DelegatingDeserializer {

    private final Class<?> type;

    ExactEnumName(JsonDeserializer<?> delegate, Class<?> type) {
      super(delegate);
      this.type = type;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new ExactEnumName(delegate, type);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.hasToken(JsonToken.VALUE_STRING)) {
        String name = parser.getText();
        if (!name.equals(name.trim()) || !name.equals(name.strip())) {
          return context.handleWeirdStringValue(type, name, "not exactly one of the names accepted");
        }
      }
      return super.deserialize(parser, context);
    }
  }
}
