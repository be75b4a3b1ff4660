package com.cspflow.sandbox;

import com.cspflow.sandbox.SandboxJson.AgreementIn;
import com.cspflow.sandbox.SandboxJson.CartIn;
import com.cspflow.sandbox.SandboxJson.CustomerIn;
import com.cspflow.sandbox.SandboxOperation.Grant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Partner Center's endpoints as the sandbox serves them: same paths, fields, status codes and error body. */
@RestController
@RequestMapping("/v1")
class SandboxPartnerCenterController {

  static final String AGREEMENT_TEMPLATE_ID = "117a488c-9a0b-4bb5-9e4c-0c5c7ab4b9a1";
  private static final String AGREEMENT_TYPE = "MicrosoftCustomerAgreement";
  private static final Pattern ONMICROSOFT_DOMAIN = Pattern.compile("[a-z0-9]{1,27}\\.onmicrosoft\\.com");
  private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final SandboxProperties properties;
  private final SandboxCustomers customers;
  private final SandboxCommerce commerce;
  private final SandboxCatalog catalog;
  private final SandboxReplays replays;
  private final SandboxGdap gdap;
  private final SandboxGdapAccess access;
  private final ObjectMapper json;
  private final SecureRandom random = new SecureRandom();

  SandboxPartnerCenterController(SandboxProperties properties, SandboxCustomers customers, SandboxCommerce commerce,
      SandboxCatalog catalog, SandboxReplays replays, SandboxGdap gdap, SandboxGdapAccess access, ObjectMapper json) {
    this.properties = properties;
    this.customers = customers;
    this.commerce = commerce;
    this.catalog = catalog;
    this.replays = replays;
    this.gdap = gdap;
    this.access = access;
    this.json = json;
  }

  @SandboxOperation(value = "verify-partner", grant = Grant.APP_USER)
  @GetMapping("/profiles/mpn")
  Map<String, Object> mpnProfile(@RequestParam(required = false) String mpnId) {
    if (mpnId == null || !properties.knownMpnIds().contains(mpnId.trim())) {
      throw new SandboxError(404, SandboxError.UNKNOWN_MPN_ID, "MPN ID " + mpnId + " was not found.");
    }
    return Map.of("partnerName", properties.partnerName(), "mpnId", mpnId.trim(), "profileType", "MpnProfile",
        "attributes", Map.of("objectType", "MpnProfile"));
  }

  @SandboxOperation(value = "check-domain", grant = Grant.APP_ONLY_OR_APP_USER)
  @RequestMapping(path = "/domains/{domain}", method = RequestMethod.HEAD)
  ResponseEntity<Void> domain(@PathVariable String domain) {
    return customers.domainExists(domain) ? ResponseEntity.ok().build() : ResponseEntity.notFound().build();
  }

  @SandboxOperation(value = "create-customer", grant = Grant.APP_ONLY_OR_APP_USER)
  @PostMapping("/customers")
  ResponseEntity<String> createCustomer(@RequestHeader(name = "MS-RequestId", required = false) String requestId,
      @RequestBody CustomerIn request) {
    String domain = request.companyProfile() == null || request.companyProfile().domain() == null ? ""
        : request.companyProfile().domain().toLowerCase();
    if (!ONMICROSOFT_DOMAIN.matcher(domain).matches()) {
      throw SandboxError.invalid("The domain must be a prefix of 1 to 27 letters or digits and .onmicrosoft.com");
    }
    var billing = request.billingProfile();
    if (billing == null || blank(billing.email()) || blank(billing.companyName())) {
      throw SandboxError.invalid("billingProfile with email and companyName is required");
    }
    var address = billing.defaultAddress();
    return replays.once("create-customer", requestId, () -> {
      SandboxCustomers.Tenant tenant = customers.create(new SandboxCustomers.NewTenant(domain, billing.companyName(),
          billing.email(), address == null ? null : address.country(), billing.culture(), billing.language(),
          address == null ? null : address.firstName(), address == null ? null : address.lastName()),
          SandboxCustomers.RESELLER);
      gdap.createDefault(tenant);
      Map<String, Object> body = SandboxJson.customer(tenant);
      body.put("userCredentials", Map.of("userName", "admin@" + tenant.domain(), "password", oneTimePassword()));
      return ResponseEntity.status(HttpStatus.CREATED).body(body);
    });
  }

  @SandboxOperation(value = "find-customers", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/customers")
  Map<String, Object> customers(@RequestParam(required = false) String filter,
      @RequestParam(defaultValue = "100") int size) {
    String prefix = "";
    if (filter != null && !filter.isBlank()) {
      JsonNode parsed = readFilter(filter);
      if (!"Domain".equalsIgnoreCase(parsed.path("Field").asText())) {
        throw SandboxError.invalid("Only Domain filters are supported");
      }
      prefix = parsed.path("Value").asText("");
    }
    return SandboxJson.collection(customers.customersByDomainPrefix(prefix, Math.max(1, Math.min(size, 500)))
        .stream().map(SandboxJson::customer).toList());
  }

  @SandboxOperation(value = "relationship-link", grant = Grant.APP_USER)
  @GetMapping("/customers/relationshiprequests")
  Map<String, Object> relationshipRequest() {
    String partnerId = UUID.nameUUIDFromBytes(properties.partnerName().getBytes(StandardCharsets.UTF_8)).toString();
    return Map.of("url", "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId="
        + partnerId + "&msppId=0&DAP=true#/BillingAccounts/partner-invitation",
        "attributes", Map.of("objectType", "CustomerRelationshipRequest"));
  }

  @SandboxOperation(value = "agreement-templates", grant = Grant.APP_USER)
  @GetMapping("/agreements")
  Map<String, Object> agreementTemplates(@RequestParam(required = false) String agreementType) {
    if (agreementType != null && !AGREEMENT_TYPE.equalsIgnoreCase(agreementType)) {
      return SandboxJson.collection(List.of());
    }
    return SandboxJson.collection(List.of(Map.of("templateId", AGREEMENT_TEMPLATE_ID, "agreementType", AGREEMENT_TYPE,
        "agreementLink", "https://aka.ms/customeragreement", "versionRank", 0)));
  }

  @SandboxOperation(value = "confirm-agreement", grant = Grant.APP_USER)
  @PostMapping("/customers/{customerId}/agreements")
  ResponseEntity<Map<String, Object>> confirmAgreement(@PathVariable String customerId,
      @RequestAttribute(SandboxInterceptor.ACCESS_TOKEN) SandboxTokens.AccessToken token,
      @RequestBody AgreementIn agreement) {
    customers.customer(customerId);
    var contact = agreement.primaryContact();
    if (!AGREEMENT_TEMPLATE_ID.equals(agreement.templateId()) || !AGREEMENT_TYPE.equals(agreement.type())) {
      throw SandboxError.invalid("Unknown agreement template or type");
    }
    if (contact == null || blank(contact.firstName()) || blank(contact.lastName()) || blank(contact.email())
        || blank(agreement.dateAgreed())) {
      throw SandboxError.invalid("primaryContact with first name, last name and email, and dateAgreed are required");
    }
    customers.confirmAgreement(customerId, agreement.templateId(), contact.firstName(), contact.lastName(),
        contact.email(), contact.phoneNumber(), agreement.dateAgreed());
    return ResponseEntity.status(HttpStatus.CREATED).body(SandboxJson.agreement(token.consentId(), agreement));
  }

  @SandboxOperation(value = "catalog", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/products")
  Map<String, Object> products(@RequestParam String country, @RequestParam String targetView,
      @RequestParam(required = false) String targetSegment) {
    String market = market(country);
    if (!SandboxCatalog.NEW_COMMERCE_VIEW.equalsIgnoreCase(targetView)) {
      return SandboxJson.collection(List.of());
    }
    return SandboxJson.collection(catalog.products(targetSegment).stream()
        .map(product -> SandboxJson.product(product, market)).toList());
  }

  @SandboxOperation(value = "catalog", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/products/{productId}/skus")
  Map<String, Object> skus(@PathVariable String productId, @RequestParam String country,
      @RequestParam(required = false) String targetSegment) {
    String market = market(country);
    return SandboxJson.collection(catalog.skus(productId, targetSegment).stream()
        .map(sku -> SandboxJson.sku(sku, market)).toList());
  }

  @SandboxOperation(value = "catalog", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/products/{productId}/skus/{skuId}/availabilities")
  Map<String, Object> availabilities(@PathVariable String productId, @PathVariable String skuId,
      @RequestParam String country, @RequestParam(required = false) String targetSegment) {
    String market = market(country);
    SandboxCatalog.Offer sku = catalog.sku(productId, skuId);
    boolean inSegment = targetSegment == null || sku.segment().equalsIgnoreCase(targetSegment);
    return SandboxJson.collection(inSegment ? List.of(SandboxJson.availability(sku, market)) : List.of());
  }

  static String market(String country) {
    if (!country.matches("[A-Za-z]{2}")) {
      throw SandboxError.invalid("country must be an ISO 3166 alpha-2 code");
    }
    return country.toUpperCase();
  }

  @SandboxOperation(value = "create-cart", grant = Grant.APP_ONLY_OR_APP_USER)
  @PostMapping("/customers/{customerId}/carts")
  ResponseEntity<String> createCart(@PathVariable String customerId,
      @RequestHeader(name = "MS-RequestId", required = false) String requestId, @RequestBody CartIn cart) {
    customers.customer(customerId);
    return replays.once("create-cart", requestId, () -> ResponseEntity.status(HttpStatus.CREATED)
        .body(SandboxJson.cart(commerce.createCart(customerId, cart.lineItems()))));
  }

  @SandboxOperation(value = "checkout", grant = Grant.APP_ONLY_OR_APP_USER)
  @PostMapping("/customers/{customerId}/carts/{cartId}/checkout")
  ResponseEntity<String> checkout(@PathVariable String customerId, @PathVariable String cartId,
      @RequestHeader(name = "MS-RequestId", required = false) String requestId) {
    return replays.once("checkout", requestId, () -> {
      SandboxCommerce.Order order = commerce.checkout(customers.customer(customerId), cartId);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("orders", List.of(SandboxJson.order(order)));
      result.put("orderErrors", List.of());
      result.put("attributes", Map.of("objectType", "CartCheckoutResult"));
      return ResponseEntity.ok(result);
    });
  }

  @SandboxOperation(value = "list-orders", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/customers/{customerId}/orders")
  Map<String, Object> orders(@PathVariable String customerId) {
    customers.customer(customerId);
    return SandboxJson.collection(commerce.orders(customerId).stream().map(SandboxJson::order).toList());
  }

  @SandboxOperation(value = "get-order", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/customers/{customerId}/orders/{orderId}")
  Map<String, Object> order(@PathVariable String customerId, @PathVariable String orderId) {
    customers.customer(customerId);
    return SandboxJson.order(commerce.order(customerId, orderId));
  }

  @SandboxOperation(value = "list-subscriptions", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/customers/{customerId}/subscriptions")
  Map<String, Object> subscriptions(@PathVariable String customerId,
      @RequestParam(name = "order_id", required = false) String orderId) {
    customers.customer(customerId);
    var subscriptions = orderId == null ? commerce.subscriptions(customerId) : commerce.subscriptionsOfOrder(customerId,
        orderId);
    return SandboxJson.collection(subscriptions.stream().map(SandboxJson::subscription).toList());
  }

  @SandboxOperation(value = "get-subscription", grant = Grant.APP_ONLY_OR_APP_USER)
  @GetMapping("/customers/{customerId}/subscriptions/{subscriptionId}")
  Map<String, Object> subscription(@PathVariable String customerId, @PathVariable String subscriptionId) {
    customers.customer(customerId);
    return SandboxJson.subscription(commerce.subscription(customerId, subscriptionId));
  }

  /**
   * Every change of a subscription is this PATCH of the whole resource (its etag in {@code attributes}): a seat
   * count, {@code autoRenewEnabled}, {@code scheduledNextTermInstructions} (null removes them), or {@code status:
   * deleted} to cancel. The operation keeps its first name, {@code change-quantity}, which fault injection and the
   * grants test know it by.
   */
  @SandboxOperation(value = "change-quantity", grant = Grant.APP_ONLY_OR_APP_USER)
  @PatchMapping("/customers/{customerId}/subscriptions/{subscriptionId}")
  ResponseEntity<String> changeSubscription(@PathVariable String customerId, @PathVariable String subscriptionId,
      @RequestHeader(name = "MS-RequestId", required = false) String requestId, @RequestBody JsonNode subscription) {
    customers.customer(customerId);
    JsonNode quantity = subscription.path("quantity");
    if (!quantity.isMissingNode() && !quantity.canConvertToInt()) {
      throw SandboxError.invalid("quantity must be a number");
    }
    JsonNode autoRenew = subscription.path("autoRenewEnabled");
    if (!autoRenew.isMissingNode() && !autoRenew.isBoolean()) {
      throw SandboxError.invalid("autoRenewEnabled must be true or false");
    }
    JsonNode nextTerm = subscription.get("scheduledNextTermInstructions");
    SandboxCommerce.Change change = new SandboxCommerce.Change(
        quantity.isMissingNode() ? null : quantity.asInt(),
        subscription.path("status").isTextual() ? subscription.path("status").asText() : null,
        autoRenew.isMissingNode() ? null : autoRenew.asBoolean(),
        nextTerm != null, nextTerm(nextTerm), subscription.path("attributes").path("etag").asText(null));
    return replays.once("change-quantity", requestId, () -> ResponseEntity.ok(SandboxJson.subscription(
        commerce.change(customerId, subscriptionId, change))));
  }

  private SandboxCommerce.NextTerm nextTerm(JsonNode instructions) {
    if (instructions == null || instructions.isNull()) {
      return null;
    }
    try {
      return json.treeToValue(instructions, SandboxCommerce.NextTerm.class);
    } catch (IOException e) {
      throw SandboxError.invalid("scheduledNextTermInstructions is not {product{productId, skuId, availabilityId, "
          + "billingCycle, termDuration}, quantity}");
    }
  }

  @SandboxOperation(value = "list-users", grant = Grant.APP_USER)
  @GetMapping("/customers/{customerId}/users")
  Map<String, Object> users(@PathVariable String customerId) {
    SandboxCustomers.Tenant customer = customers.customer(customerId);
    access.requireUsersRead(customerId);
    return SandboxJson.collection(customers.users(customerId).stream()
        .map(user -> SandboxJson.user(user, customer.country())).toList(), "/customers/" + customerId + "/users");
  }

  /**
   * Microsoft's English page resets with a PATCH of the user; a newer localized page shows the same PATCH on
   * {@code .../resetpassword}. Both are served, as one operation.
   */
  @SandboxOperation(value = "reset-password", grant = Grant.APP_USER)
  @PatchMapping({"/customers/{customerId}/users/{userId}", "/customers/{customerId}/users/{userId}/resetpassword"})
  Map<String, Object> resetPassword(@PathVariable String customerId, @PathVariable String userId,
      @RequestBody JsonNode patch) {
    SandboxCustomers.Tenant customer = customers.customer(customerId);
    SandboxCustomers.User user = customers.user(customerId, userId)
        .orElseThrow(() -> SandboxError.notFound("User " + userId + " not found"));
    access.requirePasswordReset(customerId, user);
    JsonNode profile = patch.path("passwordProfile");
    if (profile.path("password").asText("").length() < 8) {
      throw SandboxError.invalid("The password does not meet the complexity requirements");
    }
    boolean forceChange = profile.path("forceChangePassword").asBoolean(false);
    customers.passwordChanged(user.id(), forceChange);
    return SandboxJson.passwordReset(user, customer.country(), forceChange);
  }

  private JsonNode readFilter(String filter) {
    try {
      return json.readTree(filter);
    } catch (IOException e) {
      throw SandboxError.invalid("filter is not JSON");
    }
  }

  private String oneTimePassword() {
    StringBuilder password = new StringBuilder("Pw1!");
    for (int i = 0; i < 12; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
