package com.cspflow.csp.partnercenter;

import com.cspflow.csp.AgreementConfirmation;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CreatedCustomer;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspCustomer;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.csp.CustomerUser;
import com.cspflow.csp.NewCustomer;
import com.cspflow.csp.OrderLine;
import com.cspflow.csp.PartnerProfile;
import com.cspflow.csp.partnercenter.AccessTokens.Grant;
import com.cspflow.csp.partnercenter.PartnerCenterHttp.Answer;
import com.cspflow.csp.partnercenter.PartnerCenterHttp.Call;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Address;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Agreement;
import com.cspflow.csp.partnercenter.PartnerCenterJson.AgreementMetadata;
import com.cspflow.csp.partnercenter.PartnerCenterJson.BillingProfile;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Cart;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CartLineItem;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CheckoutResult;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Collection;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CompanyProfile;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Contact;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Customer;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CustomerFilter;
import com.cspflow.csp.partnercenter.PartnerCenterJson.MpnProfile;
import com.cspflow.csp.partnercenter.PartnerCenterJson.NewCustomerRequest;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Offer;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Order;
import com.cspflow.csp.partnercenter.PartnerCenterJson.OrderLineItem;
import com.cspflow.csp.partnercenter.PartnerCenterJson.RelationshipRequest;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Term;
import com.cspflow.csp.partnercenter.PartnerCenterJson.User;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The {@link CspPort} over Partner Center's REST API, for Microsoft or for the built-in sandbox.
 *
 * <p>The catalog: new commerce spreads it over products, SKUs, availabilities and price sheets, which would
 * be a dozen calls per offer. cspflow reads one flattened list instead, {@code GET /v1/offers?country=XX},
 * whose items carry {@code id} (the catalogItemId productId:skuId:availabilityId), {@code name},
 * {@code category}, {@code productGroup}, {@code minimumQuantity}, {@code maximumQuantity},
 * {@code terms[{duration, unitPrice}]}, {@code billingCycles}, {@code unitPrice} (per seat per month on the
 * cheapest term) and {@code currencyCode}. The sandbox serves it; against Microsoft a small facade that
 * assembles it from the price sheet is needed.
 *
 * <p>Orders are a cart and its checkout. The cart carries the caller's request id; the checkout a request id
 * derived from it, so that both halves of a retried order are replays and not a second order.
 */
@Component
public class PartnerCenterClient implements CspPort {

  static final String AGREEMENT_TYPE = "MicrosoftCustomerAgreement";

  private static final TypeReference<Collection<Offer>> OFFERS = new TypeReference<>() {};
  private static final TypeReference<Collection<AgreementMetadata>> AGREEMENTS = new TypeReference<>() {};
  private static final TypeReference<Collection<Customer>> CUSTOMERS = new TypeReference<>() {};
  private static final TypeReference<Collection<User>> USERS = new TypeReference<>() {};

  private final PartnerCenterHttp http;
  private final ObjectMapper json;
  private final String catalogCountry;

  @Autowired
  public PartnerCenterClient(PartnerCenterProperties properties) {
    this(properties, duration -> Thread.sleep(duration.toMillis()),
        Clock.systemUTC());
  }

  PartnerCenterClient(PartnerCenterProperties properties,
      PartnerCenterHttp.Sleeper sleeper, Clock clock) {
    // Microsoft adds fields over time and writes some numbers as text (expires_in): read what it sends leniently,
    // not with the strict mapper that reads what cspflow's callers send.
    ObjectMapper tolerant = JsonMapper.builder().findAndAddModules()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    this.http = new PartnerCenterHttp(properties, tolerant, sleeper, clock);
    this.json = tolerant;
    this.catalogCountry = properties.catalogCountry();
  }

  @Override
  public PartnerProfile verifyPartner(String mpnId) {
    MpnProfile profile = read(new Call("verifyPartner", Grant.APP_AND_USER, HttpMethod.GET, null, null,
        "/v1/profiles/mpn?mpnId={mpnId}", mpnId), MpnProfile.class);
    return new PartnerProfile(profile.mpnId() != null ? profile.mpnId() : mpnId, profile.partnerName());
  }

  @Override
  public boolean isDomainAvailable(String domainPrefix) {
    Call call = new Call("checkDomain", Grant.APP_ONLY, HttpMethod.HEAD, null, null,
        "/v1/domains/{domain}", domainPrefix + ".onmicrosoft.com");
    Answer answer = http.send(call);
    if (answer.status() == 404) {
      return true;
    }
    if (answer.isSuccess()) {
      return false;
    }
    throw http.refusal(call, answer);
  }

  @Override
  public CreatedCustomer createCustomer(String requestId, NewCustomer customer) {
    String domain = customer.domainPrefix() + ".onmicrosoft.com";
    NewCustomerRequest request = new NewCustomerRequest(
        new CompanyProfile(null, domain, customer.companyName()),
        new BillingProfile(customer.email(), customer.culture(), customer.language(), customer.companyName(),
            new Address(customer.firstName(), customer.lastName(), customer.addressLine1(), customer.city(),
                customer.postalCode(), customer.country(), customer.phoneNumber())));
    Call call = new Call("createCustomer", Grant.APP_ONLY, HttpMethod.POST, requestId, write(request),
        "/v1/customers");
    Answer answer = http.send(call);
    try {
      Customer created = parse(call, answer, Customer.class);
      String userName = created.userCredentials() == null ? null : created.userCredentials().userName();
      String createdDomain = created.companyProfile() == null ? domain : created.companyProfile().domain();
      return new CreatedCustomer(created.id(), createdDomain, userName);
    } finally {
      // The answer holds the new administrator's one-time password; nothing may keep it.
      Arrays.fill(answer.body(), (byte) 0);
    }
  }

  @Override
  public void confirmCustomerAgreement(String requestId, String tenantId, AgreementConfirmation confirmation) {
    Collection<AgreementMetadata> templates = read(new Call("agreementTemplate", Grant.APP_ONLY, HttpMethod.GET,
        null, null, "/v1/agreements?agreementType={type}", AGREEMENT_TYPE), AGREEMENTS);
    String templateId = templates.itemsOrEmpty().stream()
        .filter(t -> t.agreementType() == null || AGREEMENT_TYPE.equalsIgnoreCase(t.agreementType()))
        .map(AgreementMetadata::templateId).filter(Objects::nonNull).findFirst()
        .orElseThrow(() -> new CspTechnicalException("Partner Center lists no Microsoft Customer Agreement template"));
    Agreement agreement = new Agreement(
        new Contact(confirmation.firstName(), confirmation.lastName(), confirmation.email(), confirmation.phoneNumber()),
        templateId, confirmation.dateAgreed().toString(), AGREEMENT_TYPE);
    read(new Call("confirmAgreement", Grant.APP_ONLY, HttpMethod.POST, requestId, write(agreement),
        "/v1/customers/{tenantId}/agreements", tenantId), JsonNode.class);
  }

  @Override
  public String relationshipRequestLink() {
    return read(new Call("relationshipLink", Grant.APP_AND_USER, HttpMethod.GET, null, null,
        "/v1/customers/relationshiprequests"), RelationshipRequest.class).url();
  }

  @Override
  public Optional<CspCustomer> findCustomerByDomain(String domain) {
    String filter = new String(write(new CustomerFilter("Domain", domain, "starts_with")), StandardCharsets.UTF_8);
    Collection<Customer> customers = read(new Call("findCustomer", Grant.APP_ONLY, HttpMethod.GET, null, null,
        "/v1/customers?size=20&filter={filter}", filter), CUSTOMERS);
    return customers.itemsOrEmpty().stream()
        .filter(c -> c.companyProfile() != null && domain.equalsIgnoreCase(c.companyProfile().domain()))
        .findFirst()
        .map(c -> new CspCustomer(c.id(), c.companyProfile().domain(), c.companyProfile().companyName()));
  }

  @Override
  public List<CatalogOffer> catalog() {
    Collection<Offer> offers = read(new Call("catalog", Grant.APP_ONLY, HttpMethod.GET, null, null,
        "/v1/offers?country={country}", catalogCountry), OFFERS);
    return offers.itemsOrEmpty().stream().map(o -> new CatalogOffer(o.id(), o.category(), o.productGroup(), o.name(),
        o.minimumQuantity(), o.maximumQuantity(),
        o.terms() == null ? List.of() : o.terms().stream().map(Term::duration).toList(),
        o.billingCycles() == null ? List.of() : o.billingCycles(), o.unitPrice(), o.currencyCode(),
        o.terms() == null ? Map.of() : o.terms().stream().filter(t -> t.unitPrice() != null)
            .collect(Collectors.toMap(Term::duration, Term::unitPrice, (first, second) -> first)))).toList();
  }

  @Override
  public CspOrder placeOrder(String requestId, String tenantId, List<OrderLine> lines) {
    List<CartLineItem> items = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      items.add(new CartLineItem(i, line.catalogItemId(), line.quantity(), line.billingCycle(), line.termDuration(),
          Map.of()));
    }
    Cart cart = read(new Call("createCart", Grant.APP_ONLY, HttpMethod.POST, requestId,
        write(new Cart(null, items)), "/v1/customers/{tenantId}/carts", tenantId), Cart.class);
    CheckoutResult result = read(new Call("checkout", Grant.APP_ONLY, HttpMethod.POST, checkoutRequestId(requestId),
        null, "/v1/customers/{tenantId}/carts/{cartId}/checkout", tenantId, cart.id()), CheckoutResult.class);
    if (result.orders() == null || result.orders().isEmpty()) {
      var error = result.orderErrors() == null || result.orderErrors().isEmpty() ? null : result.orderErrors().get(0);
      if (error == null) {
        throw new CspTechnicalException("Checkout of cart " + cart.id() + " created no order and named no error");
      }
      throw new CspBusinessException(400, error.code(), error.description());
    }
    return order(result.orders().get(0));
  }

  @Override
  public CspOrder getOrder(String tenantId, String orderId) {
    return order(read(new Call("getOrder", Grant.APP_ONLY, HttpMethod.GET, null, null,
        "/v1/customers/{tenantId}/orders/{orderId}", tenantId, orderId), Order.class));
  }

  @Override
  public List<CspSubscription> subscriptions(String tenantId) {
    JsonNode list = read(new Call("listSubscriptions", Grant.APP_ONLY, HttpMethod.GET, null, null,
        "/v1/customers/{tenantId}/subscriptions", tenantId), JsonNode.class);
    List<CspSubscription> subscriptions = new ArrayList<>();
    list.path("items").forEach(item -> subscriptions.add(subscription(item)));
    return subscriptions;
  }

  @Override
  public List<CspSubscription> subscriptionsOfOrder(String tenantId, String orderId) {
    JsonNode list = read(new Call("listSubscriptions", Grant.APP_ONLY, HttpMethod.GET, null, null,
        "/v1/customers/{tenantId}/subscriptions?order_id={orderId}", tenantId, orderId), JsonNode.class);
    List<CspSubscription> subscriptions = new ArrayList<>();
    list.path("items").forEach(item -> subscriptions.add(subscription(item)));
    return subscriptions;
  }

  @Override
  public CspSubscription changeQuantity(String requestId, String tenantId, String subscriptionId, int quantity) {
    Call get = new Call("getSubscription", Grant.APP_ONLY, HttpMethod.GET, null, null,
        "/v1/customers/{tenantId}/subscriptions/{subscriptionId}", tenantId, subscriptionId);
    JsonNode current = read(get, JsonNode.class);
    if (!(current instanceof ObjectNode body)) {
      throw new CspTechnicalException("Subscription " + subscriptionId + " came back without a body");
    }
    body.put("quantity", quantity);
    Call patch = new Call("changeQuantity", Grant.APP_ONLY, HttpMethod.PATCH, requestId, write(body),
        "/v1/customers/{tenantId}/subscriptions/{subscriptionId}", tenantId, subscriptionId);
    Answer answer = http.send(patch);
    if (!answer.isSuccess()) {
      throw http.refusal(patch, answer);
    }
    // 202 means Partner Center finishes the change later; the resource as it is now is what we can report.
    if (answer.status() == 202 || answer.body().length == 0) {
      return subscription(read(get, JsonNode.class));
    }
    return subscription(parse(patch, answer, JsonNode.class));
  }

  @Override
  public List<CustomerUser> users(String tenantId) {
    return read(new Call("listUsers", Grant.APP_ONLY, HttpMethod.GET, null, null,
        "/v1/customers/{tenantId}/users", tenantId), USERS).itemsOrEmpty().stream()
        .map(u -> new CustomerUser(u.id(), u.userPrincipalName(), u.displayName())).toList();
  }

  @Override
  public void resetPassword(String requestId, String tenantId, String userId, char[] newPassword) {
    byte[] body = passwordBody(newPassword);
    try {
      read(new Call("resetPassword", Grant.APP_AND_USER, HttpMethod.PATCH, requestId, body,
          "/v1/customers/{tenantId}/users/{userId}", tenantId, userId), JsonNode.class);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  /** Written with the generator from the char[] so that the password never becomes an immutable String. */
  private byte[] passwordBody(char[] password) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
      generator.writeStartObject();
      generator.writeObjectFieldStart("passwordProfile");
      generator.writeFieldName("password");
      generator.writeString(password, 0, password.length);
      generator.writeBooleanField("forceChangePassword", true);
      generator.writeEndObject();
      generator.writeObjectFieldStart("attributes");
      generator.writeStringField("objectType", "CustomerUser");
      generator.writeEndObject();
      generator.writeEndObject();
    } catch (IOException e) {
      throw new CspTechnicalException("Could not write the password reset request", e);
    }
    return out.toByteArray();
  }

  private static CspOrder order(Order order) {
    List<String> subscriptionIds = order.lineItems() == null ? List.of() : order.lineItems().stream()
        .map(OrderLineItem::subscriptionId).filter(id -> id != null && !id.isBlank()).toList();
    return new CspOrder(order.id(), CspOrder.Status.parse(order.status()), subscriptionIds);
  }

  private static CspSubscription subscription(JsonNode s) {
    JsonNode refundable = s.path("refundableQuantity");
    int refundableQuantity = refundable.isObject() ? refundable.path("totalQuantity").asInt(0) : refundable.asInt(0);
    return new CspSubscription(
        text(s, "id"), text(s, "offerId"), text(s, "offerName"), s.path("quantity").asInt(),
        CspSubscription.Status.parse(text(s, "status")), text(s, "termDuration"), text(s, "billingCycle"),
        instant(s, "creationDate"), instant(s, "effectiveStartDate"), instant(s, "commitmentEndDate"),
        refundableQuantity, text(s, "orderId"), s.path("attributes").path("etag").asText(null));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Partner Center writes "0001-01-01T00:00:00" without a zone for "no date": read tolerantly. */
  private static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null || value.isBlank() || value.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException noZone) {
      try {
        return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /** Stable for the same order request, and distinct from the cart's id. */
  static String checkoutRequestId(String requestId) {
    return UUID.nameUUIDFromBytes(("checkout:" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private <T> T read(Call call, Class<T> type) {
    return parse(call, http.send(call), type);
  }

  private <T> T read(Call call, TypeReference<T> type) {
    Answer answer = http.send(call);
    if (!answer.isSuccess()) {
      throw http.refusal(call, answer);
    }
    try {
      return json.readValue(answer.body(), type);
    } catch (IOException e) {
      throw new CspTechnicalException(call.operation() + ": unreadable answer from Partner Center", e);
    }
  }

  private <T> T parse(Call call, Answer answer, Class<T> type) {
    if (!answer.isSuccess()) {
      throw http.refusal(call, answer);
    }
    try {
      return json.readValue(answer.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : answer.body(), type);
    } catch (IOException e) {
      throw new CspTechnicalException(call.operation() + ": unreadable answer from Partner Center", e);
    }
  }

  private byte[] write(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new CspTechnicalException("Could not write a Partner Center request", e);
    }
  }

}
