package com.cspflow.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of the project API as its OpenAPI description ({@code /api/openapi}) states it: method, path, path,
 * query and header parameters, the request body's fields with their types and limits, and the fields of its answers. An
 * endpoint added later is in it, and so in the boundary suite, without anyone listing it.
 */
final class ApiOperations {

  record ApiOperation(String method, String path, String operationId, List<FieldSpec> pathParameters,
      List<FieldSpec> queryParameters, List<FieldSpec> headerParameters, String bodySchema, List<FieldSpec> bodyFields, Set<String> answerFields,
      Set<String> answerMediaTypes) {

    boolean hasBody() {
      return bodyFields != null;
    }

    boolean partnerScoped() {
      return path.startsWith("/api/partners/{partnerId}");
    }

    FieldSpec pathParameter(String name) {
      return pathParameters.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private ApiOperations() {}

  static List<ApiOperation> of(JsonNode description) {
    List<ApiOperation> operations = new ArrayList<>();
    JsonNode schemas = description.path("components").path("schemas");
    for (Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        if (method.getKey().equals("parameters")) {
          continue;
        }
        JsonNode operation = method.getValue();
        List<FieldSpec> pathParameters = new ArrayList<>();
        List<FieldSpec> queryParameters = new ArrayList<>();
        List<FieldSpec> headerParameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
          FieldSpec spec = FieldSpec.fromSchema(parameter.path("name").asText(), parameter.path("schema"),
              parameter.path("required").asBoolean(false));
          switch (parameter.path("in").asText()) {
            case "path" -> pathParameters.add(spec);
            case "query" -> queryParameters.add(spec);
            case "header" -> headerParameters.add(spec);
            default -> throw new IllegalStateException(method.getKey() + " " + path.getKey()
                + " takes a " + parameter.path("in").asText() + " parameter; teach the boundary suite about it");
          }
        }
        String bodySchema = null;
        List<FieldSpec> bodyFields = null;
        JsonNode content = operation.path("requestBody").path("content");
        if (content.size() > 0) {
          JsonNode schema = content.path("application/json").path("schema");
          bodySchema = schema.path("$ref").asText().replace("#/components/schemas/", "");
          JsonNode resolved = schemas.path(bodySchema);
          Set<String> required = new LinkedHashSet<>();
          resolved.path("required").forEach(name -> required.add(name.asText()));
          bodyFields = new ArrayList<>();
          for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
              properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            bodyFields.add(FieldSpec.fromSchema(property.getKey(), property.getValue(),
                required.contains(property.getKey())));
          }
        }
        Set<String> answerFields = new LinkedHashSet<>();
        Set<String> answerMediaTypes = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
            responses.hasNext(); ) {
          Map.Entry<String, JsonNode> response = responses.next();
          if (!response.getKey().startsWith("2")) {
            continue;
          }
          for (Iterator<Map.Entry<String, JsonNode>> media = response.getValue().path("content").fields();
              media.hasNext(); ) {
            Map.Entry<String, JsonNode> type = media.next();
            answerMediaTypes.add(type.getKey());
            JsonNode schema = type.getValue().path("schema");
            JsonNode ref = schema.has("items") ? schema.path("items").path("$ref") : schema.path("$ref");
            schemas.path(ref.asText().replace("#/components/schemas/", "")).path("properties").fieldNames()
                .forEachRemaining(answerFields::add);
          }
        }
        operations.add(new ApiOperation(method.getKey().toUpperCase(), path.getKey(),
            operation.path("operationId").asText(), pathParameters, queryParameters, headerParameters, bodySchema, bodyFields,
            answerFields, answerMediaTypes));
      }
    }
    return operations;
  }
}
