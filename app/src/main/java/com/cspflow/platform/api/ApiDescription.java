package com.cspflow.platform.api;

import com.cspflow.platform.input.BillingPeriod;
import com.cspflow.platform.input.EmailAddress;
import com.cspflow.platform.input.IsoCountry;
import com.cspflow.platform.input.PlainText;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description ({@code /api/openapi}) states every limit a field has, so that partners' client generators
 * (and the boundary tests) know them: springdoc renders Bean Validation's own constraints, and this adds cspflow's
 * (a line of plain text and its length, an e-mail address, a country code, a billing period, a partner id in a body),
 * and the Idempotency-Key header that every creating POST of the partner and billing API honours. It also says how to
 * sign in and what every refusal looks like (RFC 9457 problem details, {@link com.cspflow.platform.ApiProblems}), so
 * that a generated client can read errors as well as answers.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

  /** No control character (PlainText's rule for one line of text). */
  static final String ONE_LINE = "^[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029\\uFFFE\\uFFFF]*$";
  /** No control character but line breaks (PlainText's rule for a reason or a note). */
  static final String LINES = "^[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFFFE\\uFFFF]*$";

  /** The problem body every refusal of the project API has (ApiProblems, ProblemResponses). */
  static final String PROBLEM_SCHEMA = "ProblemDetail";
  static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
  static final String CLIENT_CREDENTIALS = "clientCredentials";
  static final String BASIC = "basic";

  @Bean
  OpenAPI cspflowApi() {
    return new OpenAPI()
        .info(new Info().title("cspflow API").version("1")
            .description("Microsoft 365 through CSP for the marketplace's partners: their service, customer "
                + "organizations, orders, subscriptions and seat changes, admin credentials, price lists and "
                + "billing. An integration signs in as an API client (OAuth2 client credentials at /oauth2/token, "
                + "then a bearer token); a person with HTTP Basic. Every refusal is an RFC 9457 problem "
                + "(application/problem+json) whose `problems` names each bad field. Creating POSTs honour an "
                + "Idempotency-Key header, so a retry after a timeout never creates twice."))
        .components(new Components()
            .addSecuritySchemes(CLIENT_CREDENTIALS, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("An API client (a partner's system, the marketplace's portal): its client id and "
                    + "secret, sent with HTTP Basic to /oauth2/token, give a 30-minute bearer token")
                .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token")
                    .scopes(new Scopes()))))
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A person with a cspflow account (back office, operators, administrators)"))
            .addSchemas(PROBLEM_SCHEMA, problemDetail()))
        .security(List.of(new SecurityRequirement().addList(CLIENT_CREDENTIALS),
            new SecurityRequirement().addList(BASIC)));
  }

  private static Schema<?> problemDetail() {
    return new ObjectSchema().description("An RFC 9457 problem detail")
        .addProperty("type", new StringSchema().format("uri").example("about:blank"))
        .addProperty("title", new StringSchema().example("Invalid input"))
        .addProperty("status", new IntegerSchema().format("int32").example(400))
        .addProperty("detail", new StringSchema().example("quantity must be at least 1"))
        .addProperty("instance", new StringSchema().format("uri-reference").example("/api/partners/p-1/orders"))
        .addProperty("problems", new ObjectSchema().description("Each bad input (a field of the body, a path "
            + "parameter, a header) and what is wrong with it; on 400 and some 409")
            .additionalProperties(new StringSchema()).example(Map.of("quantity", "must be at least 1")))
        .addProperty("reference", new StringSchema().description("On 500 only: what the operators look the "
            + "failure up by"));
  }

  /**
   * Every refusal the filters and {@link com.cspflow.platform.ApiProblems} can answer, on the operations where it can
   * happen; a 201 or 202 says where the created resource is.
   */
  @Bean
  OpenApiCustomizer refusalsAsProblemDetails() {
    return description -> description.getPaths().forEach((path, item) -> item.readOperationsMap()
        .forEach((method, operation) -> {
          boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
          boolean hasBody = operation.getRequestBody() != null;
          boolean changes = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT;
          ApiResponses responses = operation.getResponses();
          responses.forEach((status, response) -> {
            if (status.equals("201") || status.equals("202")) {
              response.addHeaderObject("Location", new Header().description("Where to read what was created or "
                  + "accepted").schema(new StringSchema().format("uri-reference")));
            }
          });
          if (hasParameters || hasBody) {
            problem(responses, "400", "Invalid input: `problems` names each bad field, parameter or header; "
                + "nothing was started or stored");
          }
          problem(responses, "401", "Not signed in: a bearer token from /oauth2/token, or HTTP Basic");
          problem(responses, "403", "Signed in, but this caller's role may not do this");
          problem(responses, "429", "Too many failed sign-ins from this address: a request from it that presents "
              + "a password or client secret is refused until the Retry-After seconds have passed (a valid bearer token "
              + "still works)");
          responses.get("429").addHeaderObject("Retry-After", new Header().description("Seconds to wait before "
              + "signing in again").schema(new IntegerSchema().format("int32")));
          if (path.contains("{")) {
            problem(responses, "404", "No such resource, or not one of the partner the caller acts for");
          }
          if (changes) {
            problem(responses, "409", "Conflicts with the current state or with a request made at the same "
                + "moment; read the current state and retry");
          }
          if (hasBody) {
            problem(responses, "413", "The request body is too large");
          }
          if (method == PathItem.HttpMethod.POST && IdempotencyConfiguration.honoursIdempotencyKeys(path)) {
            problem(responses, "422", "This Idempotency-Key was used for another request; use a new key");
          }
        }));
  }

  private static void problem(ApiResponses responses, String status, String description) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
          .addMediaType(PROBLEM_MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)))));
    }
  }

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

  /**
   * Bean Validation matches a {@code @Pattern} against the whole value, but OpenAPI (JSON Schema, ECMA-262) applies a
   * {@code pattern} as a search: unanchored, "P1M|P1Y|P3Y" would tell a generated client that "xP1Yx" is a term. Every
   * published pattern is anchored; the server's own checks are unchanged.
   */
  @Bean
  OpenApiCustomizer anchoredPatterns() {
    return description -> {
      if (description.getComponents() != null && description.getComponents().getSchemas() != null) {
        description.getComponents().getSchemas().values().forEach(ApiDescription::anchor);
      }
      if (description.getPaths() != null) {
        description.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
          if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> anchor(parameter.getSchema()));
          }
          if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> anchor(media.getSchema()));
          }
        }));
      }
    };
  }

  static String anchored(String pattern) {
    return pattern.startsWith("^") && pattern.endsWith("$") ? pattern : "^(?:" + pattern + ")$";
  }

  private static void anchor(Schema<?> schema) {
    if (schema == null) {
      return;
    }
    if (schema.getPattern() != null) {
      schema.setPattern(anchored(schema.getPattern()));
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(ApiDescription::anchor);
    }
    anchor(schema.getItems());
    if (schema.getAdditionalProperties() instanceof Schema<?> values) {
      anchor(values);
    }
    for (List<Schema> parts : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
      if (parts != null) {
        parts.forEach(ApiDescription::anchor);
      }
    }
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
