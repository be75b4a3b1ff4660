package com.cspflow.platform.api;

import com.cspflow.platform.input.BillingPeriod;
import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.IsoCountry;
import com.cspflow.platform.input.PlainText;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Annotation;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description ({@code /api/openapi}) states every limit a field has, so that partners' client generators
 * (and the boundary tests) know them: springdoc renders Bean Validation's own constraints, and this adds cspflow's
 * (a line of plain text and its length, an e-mail address, a country code, a billing period, a partner id in a body),
 * and the Idempotency-Key header that every creating POST of the partner and billing API honours.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

  /** No control character (PlainText's rule for one line of text). */
  static final String ONE_LINE = "^[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\uFFFE\\uFFFF]*$";
  /** No control character but line breaks (PlainText's rule for a reason or a note). */
  static final String LINES = "^[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFFFE\\uFFFF]*$";

  @Bean
  PropertyCustomizer cspflowConstraints() {
    return (property, type) -> {
      if (property == null || type.getCtxAnnotations() == null) {
        return property;
      }
      for (Annotation annotation : type.getCtxAnnotations()) {
        if (annotation instanceof PlainText text) {
          property.setMaxLength(text.max());
          property.setPattern(text.multiline() ? LINES : ONE_LINE);
        } else if (annotation instanceof EmailAddress) {
          property.setFormat("email");
          property.setMaxLength(254);
        } else if (annotation instanceof IsoCountry) {
          property.setPattern("^ *([A-Za-z]{2})? *$");
        } else if (annotation instanceof BillingPeriod) {
          property.setPattern("^\\d{4}-(0[1-9]|1[0-2])$");
        } else if (property.getPattern() == null && annotation.annotationType().isAnnotationPresent(Pattern.class)) {
          property.setPattern(annotation.annotationType().getAnnotation(Pattern.class).regexp());
        }
      }
      return property;
    };
  }

  @Bean
  OpenApiCustomizer idempotencyKeyHeader() {
    return description -> description.getPaths().forEach((path, item) -> {
      PathItem.HttpMethod post = PathItem.HttpMethod.POST;
      if (item.readOperationsMap().containsKey(post) && IdempotencyConfiguration.honoursIdempotencyKeys(path)) {
        item.readOperationsMap().get(post).addParametersItem(new HeaderParameter().name(IdempotentRequests.HEADER)
            .required(false).description("Any key of yours, new for each new request: a retry with the same key and "
                + "body gets the first answer again instead of creating twice; the same key with another body is 422")
            .schema(new StringSchema().maxLength(255).pattern("^[\\x21-\\x7E]{1,255}$")));
      }
    });
  }
}
