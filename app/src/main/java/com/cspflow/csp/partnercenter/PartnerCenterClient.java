package com.cspflow.csp.partnercenter;

import com.cspflow.csp.AdminAccess;
import com.cspflow.csp.BillingExportStatus;
import com.cspflow.csp.MicrosoftCharge;
import com.cspflow.csp.PartnerInvoice;
import com.cspflow.csp.AgreementConfirmation;
import com.cspflow.csp.ActivityRecord;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CatalogOffer.CatalogPrice;
import com.cspflow.csp.CatalogOffer.TermPlan;
import com.cspflow.csp.CreatedCustomer;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspCustomer;
import com.cspflow.csp.CspOrder;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspRenewalOnlyException;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.csp.CustomerUser;
import com.cspflow.csp.GdapRelationship;
import com.cspflow.csp.GdapRole;
import com.cspflow.csp.NewCustomer;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.csp.OrderLine;
import com.cspflow.csp.PartnerProfile;
import com.cspflow.csp.WebhookRegistration;
import com.cspflow.csp.consent.ConsentCheck;
import com.cspflow.csp.consent.ConsentRenewed;
import com.cspflow.csp.consent.ConsentStore;
import com.cspflow.csp.consent.ConsentUnavailable;
import com.cspflow.csp.partnercenter.PartnerCenterHttp.Answer;
import com.cspflow.csp.partnercenter.PartnerCenterHttp.Call;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Address;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Availability;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Product;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Sku;
import com.cspflow.csp.partnercenter.PartnerCenterJson.AccessAssignment;
import com.cspflow.csp.partnercenter.PartnerCenterJson.AccessContainer;
import com.cspflow.csp.partnercenter.PartnerCenterJson.AccessDetails;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Agreement;
import com.cspflow.csp.partnercenter.PartnerCenterJson.AgreementMetadata;
import com.cspflow.csp.partnercenter.PartnerCenterJson.BillingProfile;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Cart;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CartLineItem;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CheckoutResult;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CompanyProfile;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Contact;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Customer;
import com.cspflow.csp.partnercenter.PartnerCenterJson.CustomerFilter;
import com.cspflow.csp.partnercenter.PartnerCenterJson.GdapCustomer;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Relationship;
import com.cspflow.csp.partnercenter.PartnerCenterJson.RelationshipAction;
import com.cspflow.csp.partnercenter.PartnerCenterJson.SignInMetadata;
import com.cspflow.csp.partnercenter.PartnerCenterJson.MpnProfile;
import com.cspflow.csp.partnercenter.PartnerCenterJson.NextTerm;
import com.cspflow.csp.partnercenter.PartnerCenterJson.NextTermProduct;
import com.cspflow.csp.partnercenter.PartnerCenterJson.NewCustomerRequest;
import com.cspflow.csp.partnercenter.PartnerCenterJson.Order;
import com.cspflow.csp.partnercenter.PartnerCenterJson.OrderLineItem;
import com.cspflow.csp.partnercenter.PartnerCenterJson.RelationshipRequest;
import com.cspflow.csp.partnercenter.PartnerCenterJson.User;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The {@link CspPort} over Partner Center's REST API, for Microsoft or for the built-in sandbox.
 *
 * <p>The catalog is new commerce's: per segment (commercial, education, nonprofit) the products of the
 * {@code OnlineServicesNCE} view, each product's SKUs and each SKU's availabilities (the {@code catalogItemId} a cart
 * names, its terms and billing plans), then the license-based price sheet of this month and, when Microsoft has
 * published it, of the next one, so that a price change is known before it applies. A price sheet row names product
 * and SKU; it prices every availability of that SKU.
 *
 * <p>Orders are a cart and its checkout. The cart carries the caller's request id; the checkout a request id
 * derived from it, so that both halves of a retried order are replays and not a second order.
 *
 * <p>Each call names its {@link CspOperation}, which decides its address, grant and the GDAP roles it needs. GDAP
 * (relationships, access assignments) is Microsoft Graph's; a domain's tenant comes from Entra's public sign-in
 * metadata, so that a migrating customer can be asked for GDAP before it has accepted the reseller relationship.
 */
@Component
public class PartnerCenterClient implements CspPort, ConsentCheck {

  static final String AGREEMENT_TYPE = "MicrosoftCustomerAgreement";

  private static final Logger LOG = LoggerFactory.getLogger(PartnerCenterClient.class);

  private static final Pattern TENANT_IN_ISSUER = Pattern.compile(
      "/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/");
  /** An access assignment in these states gives, or is about to give, its roles to the group. */
  private static final Set<String> ASSIGNMENT_IN_FORCE = Set.of("active", "pending");

  private final PartnerCenterHttp http;
  private final ObjectMapper json;
  private final String catalogCountry;
  private final Clock clock;
  private final PartnerCenterProperties.Gdap gdap;

  @Autowired
  public PartnerCenterClient(PartnerCenterProperties properties, ConsentStore consent) {
    this(properties, duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC(), consent);
  }

  PartnerCenterClient(PartnerCenterProperties properties, PartnerCenterHttp.Sleeper sleeper, Clock clock,
      ConsentStore consent) {
    // Microsoft adds fields over time and writes some numbers as text (expires_in): read what it sends leniently,
    // not with the strict mapper that reads what cspflow's callers send.
    ObjectMapper tolerant = JsonMapper.builder().findAndAddModules()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    this.http = new PartnerCenterHttp(properties, tolerant, sleeper, clock, consent);
    this.json = tolerant;
    this.catalogCountry = properties.catalogCountry();
    this.clock = clock;
    this.gdap = properties.gdap();
  }

  @Override
  public ConsentStore.Redemption<Void> tryOut(String refreshToken) {
    return http.tryOutConsent(refreshToken);
  }

  /** Access tokens of the consent that was replaced are not used any more. */
  @EventListener
  public void consentRenewed(ConsentRenewed renewed) {
    http.forgetAppAndUserTokens();
  }

  @Override
  public PartnerProfile verifyPartner(String mpnId) {
    MpnProfile profile = read(new Call(CspOperation.VERIFY_PARTNER, null, null, mpnId), MpnProfile.class);
    return new PartnerProfile(profile.mpnId() != null ? profile.mpnId() : mpnId, profile.partnerName());
  }

  @Override
  public boolean isDomainAvailable(String domainPrefix) {
    Call call = new Call(CspOperation.CHECK_DOMAIN, null, null,
        domainPrefix + ".onmicrosoft.com");
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
    Call call = new Call(CspOperation.CREATE_CUSTOMER, requestId, write(request));
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
    List<AgreementMetadata> templates = readAll(new Call(CspOperation.AGREEMENT_TEMPLATES, null, null,
        AGREEMENT_TYPE), AgreementMetadata.class);
    String templateId = templates.stream()
        .filter(t -> t.agreementType() == null || AGREEMENT_TYPE.equalsIgnoreCase(t.agreementType()))
        .map(AgreementMetadata::templateId).filter(Objects::nonNull).findFirst()
        .orElseThrow(() -> new CspTechnicalException("Partner Center lists no Microsoft Customer Agreement template"));
    Agreement agreement = new Agreement(
        new Contact(confirmation.firstName(), confirmation.lastName(), confirmation.email(), confirmation.phoneNumber()),
        templateId, confirmation.dateAgreed().toString(), AGREEMENT_TYPE);
    read(new Call(CspOperation.CONFIRM_AGREEMENT, requestId, write(agreement), tenantId), JsonNode.class);
  }

  @Override
  public String relationshipRequestLink() {
    return read(new Call(CspOperation.RELATIONSHIP_LINK, null, null), RelationshipRequest.class).url();
  }

  @Override
  public Optional<CspCustomer> findCustomerByDomain(String domain) {
    String filter = new String(write(new CustomerFilter("Domain", domain, "starts_with")), StandardCharsets.UTF_8);
    List<Customer> customers = readAll(new Call(CspOperation.FIND_CUSTOMERS, null, null, filter), Customer.class);
    return customers.stream()
        .filter(c -> c.companyProfile() != null && domain.equalsIgnoreCase(c.companyProfile().domain()))
        .findFirst()
        .map(c -> new CspCustomer(c.id(), c.companyProfile().domain(), c.companyProfile().companyName()));
  }

  @Override
  public List<CatalogOffer> catalog() {
    Map<String, CatalogOffer> offers = new LinkedHashMap<>();
    for (Segment segment : Segment.values()) {
      for (Product product : readAll(new Call(CspOperation.CATALOG_PRODUCTS, null, null, catalogCountry,
          segment.id), Product.class)) {
        for (Sku sku : readAll(new Call(CspOperation.CATALOG_SKUS, null, null, product.id(), catalogCountry,
            segment.id), Sku.class)) {
          for (Availability availability : readAll(new Call(CspOperation.CATALOG_AVAILABILITIES, null, null,
              product.id(), sku.id(), catalogCountry, segment.id), Availability.class)) {
            if (availability.isPurchasable() && availability.catalogItemId() != null) {
              offers.putIfAbsent(availability.catalogItemId(), new CatalogOffer(availability.catalogItemId(),
                  segment.category, ProductGroups.of(product.title()), sku.title() == null ? product.title()
                      : sku.title(), sku.minimumQuantity(), sku.maximumQuantity(), terms(availability),
                  availability.defaultCurrency() == null ? null : availability.defaultCurrency().code(), List.of(),
                  null));
            }
          }
        }
      }
    }
    if (offers.isEmpty()) {
      return List.of();
    }
    Map<String, List<PriceSheet.Row>> prices = priceSheetRows().stream()
        .collect(Collectors.groupingBy(PriceSheet.Row::productAndSku));
    return offers.values().stream().map(offer -> withPrices(offer, prices.getOrDefault(productAndSku(offer),
        List.of()))).toList();
  }

  /**
   * This month's price sheet and next month's when published; a row both give is kept once. Only a partner user may
   * read price sheets: without the consent, the catalog comes without prices (those already known stay known) rather
   * than not at all, so that orders can be taken.
   */
  private List<PriceSheet.Row> priceSheetRows() {
    try {
      return priceSheetRowsOfThisAndNextMonth();
    } catch (ConsentUnavailable noPartnerUser) {
      LOG.warn("The catalog is read without prices: {}", noPartnerUser.getMessage());
      return List.of();
    }
  }

  private List<PriceSheet.Row> priceSheetRowsOfThisAndNextMonth() {
    YearMonth thisMonth = YearMonth.now(clock);
    Map<String, PriceSheet.Row> rows = new LinkedHashMap<>();
    for (PriceSheet.Row row : priceSheet("current", thisMonth).orElseThrow(() -> new CspTechnicalException(
        "Partner Center has no price sheet for " + thisMonth))) {
      rows.put(priceKey(row), row);
    }
    priceSheet("history", thisMonth.plusMonths(1)).orElse(List.of()).forEach(row -> rows.put(priceKey(row), row));
    return List.copyOf(rows.values());
  }

  private Optional<List<PriceSheet.Row>> priceSheet(String timeline, YearMonth month) {
    Call call = new Call(CspOperation.PRICE_SHEET, null, null, catalogCountry, timeline,
        month.format(DateTimeFormatter.ofPattern("yyyyMM")));
    Answer answer = http.send(call);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (!answer.isSuccess()) {
      throw http.refusal(call, answer);
    }
    try {
      return Optional.of(PriceSheet.read(answer.body()));
    } catch (RuntimeException unreadable) {
      throw new CspTechnicalException(call.operation() + ": unreadable price sheet from Partner Center", unreadable);
    }
  }

  private static String priceKey(PriceSheet.Row row) {
    return row.productAndSku() + "/" + row.termDuration() + "/" + row.billingPlan() + "/" + row.effectiveFrom();
  }

  private static String productAndSku(CatalogOffer offer) {
    String[] parts = offer.catalogItemId().split(":");
    return parts[0] + ":" + (parts.length > 1 ? parts[1] : "");
  }

  /** The rows of the offer's own terms and currency, as the offer's prices. */
  private static CatalogOffer withPrices(CatalogOffer offer, List<PriceSheet.Row> rows) {
    List<CatalogPrice> prices = rows.stream()
        .filter(row -> offer.sells(row.termDuration(), row.billingPlan()))
        .filter(row -> offer.currency() == null || offer.currency().equalsIgnoreCase(row.currency()))
        .map(row -> new CatalogPrice(row.termDuration(), row.billingPlan(), row.unitPrice(), row.effectiveFrom(),
            row.effectiveTo()))
        .toList();
    String currency = offer.currency() != null ? offer.currency()
        : rows.stream().map(PriceSheet.Row::currency).findFirst().orElse(null);
    return new CatalogOffer(offer.catalogItemId(), offer.category(), offer.productGroup(), offer.productName(),
        offer.minimumQuantity(), offer.maximumQuantity(), offer.terms(), currency, prices, null);
  }

  private static List<TermPlan> terms(Availability availability) {
    return availability.terms() == null ? List.of() : availability.terms().stream()
        .filter(term -> term.duration() != null && term.billingCycle() != null)
        .map(term -> new TermPlan(term.duration(), term.billingCycle().toLowerCase(Locale.ROOT))).distinct().toList();
  }

  /** The segments cspflow sells in, with the category its order form and price list call them by. */
  private enum Segment {
    COMMERCIAL("commercial", "Corporate"), EDUCATION("education", "Education"), NONPROFIT("nonprofit", "Nonprofit");

    private final String id;
    private final String category;

    Segment(String id, String category) {
      this.id = id;
      this.category = category;
    }
  }

  @Override
  public CspOrder placeOrder(String requestId, String tenantId, List<OrderLine> lines) {
    List<CartLineItem> items = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      OrderLine line = lines.get(i);
      items.add(new CartLineItem(i, line.catalogItemId(), line.quantity(), line.billingCycle(), line.termDuration(),
          Map.of()));
    }
    Cart cart = read(new Call(CspOperation.CREATE_CART, requestId,
        write(new Cart(null, items)), tenantId), Cart.class);
    CheckoutResult result = read(new Call(CspOperation.CHECKOUT, checkoutRequestId(requestId),
        null, tenantId, cart.id()), CheckoutResult.class);
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
    return order(read(new Call(CspOperation.GET_ORDER, null, null, tenantId, orderId), Order.class));
  }

  /**
   * The activity log asks by day (UTC), from {@code since}'s day to today, every page; records before {@code since}
   * on its first day are left out. A record without a date is kept (it cannot be placed, so it counts as a change).
   */
  @Override
  public List<ActivityRecord> activitySince(Instant since) {
    LocalDate from = LocalDate.ofInstant(since, ZoneOffset.UTC);
    LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return readAll(new Call(CspOperation.ACTIVITY_LOG, null, null, from.toString(), to.toString()), JsonNode.class)
        .stream()
        .map(r -> new ActivityRecord(text(r, "customerId"), text(r, "resourceType"), text(r, "operationType"),
            instant(r, "operationDate"), text(r, "applicationId"), text(r, "userPrincipalName")))
        .filter(r -> r.operationDate() == null || !r.operationDate().isBefore(since))
        .toList();
  }

  /** Partner Center's shape of the registration: {@code {WebhookUrl, WebhookEvents, SubscriberId}}. */
  record Webhook(@JsonProperty("WebhookUrl") String webhookUrl,
      @JsonProperty("WebhookEvents") List<String> webhookEvents) {}

  /** A partner that never registered gets 404; so does one whose registration was deleted. */
  @Override
  public Optional<WebhookRegistration> webhookRegistration() {
    Call call = new Call(CspOperation.WEBHOOK_REGISTRATION, null, null);
    Answer answer = http.send(call);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    Webhook webhook = parse(call, answer, Webhook.class);
    return webhook.webhookUrl() == null ? Optional.empty() : Optional.of(new WebhookRegistration(webhook.webhookUrl(),
        webhook.webhookEvents() == null ? List.of() : webhook.webhookEvents()));
  }

  @Override
  public void registerWebhook(WebhookRegistration registration, boolean replace) {
    read(new Call(replace ? CspOperation.UPDATE_WEBHOOK : CspOperation.REGISTER_WEBHOOK, null,
        write(new Webhook(registration.callbackUrl(), registration.events()))), JsonNode.class);
  }

  @Override
  public String requestUnbilledExport(String billingPeriod, String currency) {
    return requestExport(new Call(CspOperation.BILLING_UNBILLED_EXPORT, null, write(Map.of("currencyCode", currency,
        "billingPeriod", billingPeriod, "attributeSet", "full"))));
  }

  @Override
  public String requestBilledExport(String invoiceId) {
    return requestExport(new Call(CspOperation.BILLING_BILLED_EXPORT, null, write(Map.of("invoiceId", invoiceId,
        "attributeSet", "full"))));
  }

  /** Graph answers an export request with 202 and the operation to follow; anything else is not an export. */
  private String requestExport(Call call) {
    Answer answer = http.send(call);
    if (answer.status() != 202) {
      throw answer.isSuccess() ? new CspTechnicalException(call.operation() + ": expected 202 Accepted, got HTTP "
          + answer.status()) : http.refusal(call, answer);
    }
    return http.exportOperationId(call, answer);
  }

  @Override
  public List<PartnerInvoice> invoices() {
    return readAll(new Call(CspOperation.LIST_INVOICES, null, null), JsonNode.class).stream()
        .map(i -> new PartnerInvoice(text(i, "id"), day(i, "billingPeriodStartDate"), day(i, "billingPeriodEndDate"),
            text(i, "currencyCode")))
        .toList();
  }

  private static LocalDate day(JsonNode node, String field) {
    String value = node.path(field).asText("");
    return value.length() < 10 ? null : LocalDate.parse(value.substring(0, 10));
  }

  @Override
  public BillingExportStatus billingExport(String operationId) {
    Call call = new Call(CspOperation.BILLING_EXPORT_OPERATION, null, null, operationId);
    JsonNode operation = read(call, JsonNode.class);
    String status = operation.path("status").asText("");
    List<URI> files = new ArrayList<>();
    if ("succeeded".equalsIgnoreCase(status)) {
      JsonNode manifest = operation.path("resourceLocation");
      String root = manifest.path("rootDirectory").asText("");
      String sas = manifest.path("sasToken").asText("");
      if (!"compressedJSONLines".equalsIgnoreCase(manifest.path("dataFormat").asText(""))) {
        throw new CspTechnicalException(call.operation() + ": the export's format is "
            + manifest.path("dataFormat").asText("not named") + ", not compressedJSONLines");
      }
      for (JsonNode blob : manifest.path("blobs")) {
        files.add(URI.create(root + (root.endsWith("/") ? "" : "/") + blob.path("name").asText() + "?" + sas));
      }
      if (files.size() != manifest.path("blobCount").asInt(files.size())) {
        throw new CspTechnicalException(call.operation() + ": the manifest names " + files.size() + " files of "
            + manifest.path("blobCount").asInt());
      }
    }
    return new BillingExportStatus(status, List.copyOf(files));
  }

  @Override
  public List<MicrosoftCharge> billingLines(URI file) {
    Call call = http.exportFile(file);
    Answer answer = http.send(call);
    if (!answer.isSuccess()) {
      throw new CspTechnicalException(call.operation() + ": the storage answered HTTP " + answer.status()
          + " (the file's signature may have expired: ask the operation again)");
    }
    List<MicrosoftCharge> lines = new ArrayList<>();
    try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(answer.body())), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(charge(json.readTree(line)));
        }
      }
    } catch (IOException e) {
      throw new CspTechnicalException(call.operation() + ": the file is incomplete or unreadable", e);
    }
    return lines;
  }

  /** A line of the export; Microsoft's attribute names are PascalCase, read here without regard to case. */
  private static MicrosoftCharge charge(JsonNode line) {
    Map<String, JsonNode> fields = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    line.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
    java.util.function.Function<String, String> text = name -> {
      JsonNode value = fields.get(name);
      return value == null || value.isNull() ? null : value.asText();
    };
    java.util.function.Function<String, java.math.BigDecimal> money = name -> {
      JsonNode value = fields.get(name);
      return value == null || value.isNull() ? null : new java.math.BigDecimal(value.asText());
    };
    java.util.function.Function<String, LocalDate> day = name -> {
      String value = text.apply(name);
      return value == null || value.length() < 10 ? null : LocalDate.parse(value.substring(0, 10));
    };
    String item = String.join(":", java.util.Objects.toString(text.apply("ProductId"), ""),
        java.util.Objects.toString(text.apply("SkuId"), ""), java.util.Objects.toString(text.apply("AvailabilityId"), ""));
    JsonNode quantity = fields.get("Quantity");
    return new MicrosoftCharge(text.apply("CustomerId"), text.apply("SubscriptionId"), text.apply("OrderId"), item,
        text.apply("ProductName"), text.apply("ChargeType"), day.apply("ChargeStartDate"),
        day.apply("ChargeEndDate"), quantity == null ? 0 : (int) Math.round(quantity.asDouble()),
        money.apply("UnitPrice"), money.apply("EffectiveUnitPrice"), money.apply("Subtotal"),
        text.apply("Currency"), text.apply("BillingFrequency"), text.apply("TermAndBillingCycle"),
        text.apply("InvoiceNumber"));
  }

  @Override
  public List<CspSubscription> subscriptions(String tenantId) {
    return readAll(new Call(CspOperation.LIST_SUBSCRIPTIONS, null, null, tenantId), JsonNode.class).stream()
        .map(PartnerCenterClient::subscription).toList();
  }

  @Override
  public List<CspSubscription> subscriptionsOfOrder(String tenantId, String orderId) {
    return readAll(new Call(CspOperation.LIST_SUBSCRIPTIONS_OF_ORDER, null, null, tenantId, orderId), JsonNode.class)
        .stream().map(PartnerCenterClient::subscription).toList();
  }

  @Override
  public CspSubscription changeQuantity(String requestId, String tenantId, String subscriptionId, int quantity) {
    return patchSubscription(CspOperation.CHANGE_QUANTITY, requestId, tenantId, subscriptionId,
        body -> body.put("quantity", quantity));
  }

  @Override
  public CspSubscription cancelSubscription(String requestId, String tenantId, String subscriptionId) {
    return patchSubscription(CspOperation.CANCEL_SUBSCRIPTION, requestId, tenantId, subscriptionId,
        body -> body.put("status", "deleted"));
  }

  @Override
  public CspSubscription setAutoRenew(String requestId, String tenantId, String subscriptionId, boolean enabled) {
    return patchSubscription(CspOperation.SET_AUTO_RENEW, requestId, tenantId, subscriptionId,
        body -> body.put("autoRenewEnabled", enabled));
  }

  @Override
  public CspSubscription scheduleNextTerm(String requestId, String tenantId, String subscriptionId,
      NextTermInstructions instructions) {
    return patchSubscription(CspOperation.SCHEDULE_NEXT_TERM, requestId, tenantId, subscriptionId,
        body -> body.set("scheduledNextTermInstructions", instructions == null ? null
            : json.valueToTree(nextTermInstructions(instructions))));
  }

  /** Times a change is read and sent again when the subscription changed between our read and our PATCH. */
  static final int STALE_ETAG_ATTEMPTS = 3;

  /**
   * Partner Center changes a subscription by a PATCH of the whole resource with its etag: read it, change one field,
   * send it back. A refusal because the 7-day window has closed comes with the dates of the subscription as read.
   * When the subscription changed between the read and the PATCH (412, error 2012: another change of ours at the same
   * moment, a seat change and a change at renewal say, or one made in Microsoft's portal), the change is made again on
   * a fresh read, under a request id of its own (derived from the first, so that a retried job sends the same ids):
   * Microsoft did not refuse what was asked, only the copy it was asked on.
   */
  private CspSubscription patchSubscription(CspOperation operation, String requestId, String tenantId,
      String subscriptionId, Consumer<ObjectNode> edit) {
    for (int attempt = 1; ; attempt++) {
      String attemptRequestId = attempt == 1 ? requestId
          : UUID.nameUUIDFromBytes((requestId + "/stale-etag/" + attempt).getBytes(StandardCharsets.UTF_8)).toString();
      try {
        return patchSubscriptionOnce(operation, attemptRequestId, tenantId, subscriptionId, edit);
      } catch (CspBusinessException refusal) {
        if (refusal.code() != CspBusinessException.STALE_ETAG || attempt >= STALE_ETAG_ATTEMPTS) {
          throw refusal;
        }
        LOG.info("Subscription {} changed while {} was sent; reading it again (attempt {} of {})", subscriptionId,
            operation, attempt + 1, STALE_ETAG_ATTEMPTS);
      }
    }
  }

  private CspSubscription patchSubscriptionOnce(CspOperation operation, String requestId, String tenantId,
      String subscriptionId, Consumer<ObjectNode> edit) {
    Call get = new Call(CspOperation.GET_SUBSCRIPTION, null, null, tenantId, subscriptionId);
    JsonNode current = read(get, JsonNode.class);
    if (!(current instanceof ObjectNode body)) {
      throw new CspTechnicalException("Subscription " + subscriptionId + " came back without a body");
    }
    CspSubscription before = subscription(body);
    edit.accept(body);
    Call patch = new Call(operation, requestId, write(body), tenantId, subscriptionId);
    Answer answer = http.send(patch);
    if (!answer.isSuccess()) {
      CspBusinessException refusal = http.refusal(patch, answer);
      if (refusal.code() == CspBusinessException.QUANTITY_DECREASE_NOT_ALLOWED) {
        throw new CspRenewalOnlyException(refusal.httpStatus(), refusal.code(), refusal.description(),
            before.cancellationAllowedUntil(), before.commitmentEndDate());
      }
      throw refusal;
    }
    // 202 means Partner Center finishes the change later; the resource as it is now is what we can report.
    if (answer.status() == 202 || answer.body().length == 0) {
      return subscription(read(get, JsonNode.class));
    }
    return subscription(parse(patch, answer, JsonNode.class));
  }

  /** Partner Center names the next term's product by its parts; cspflow by the catalogItemId they make. */
  private static NextTerm nextTermInstructions(NextTermInstructions instructions) {
    String[] parts = instructions.catalogItemId() == null ? new String[0] : instructions.catalogItemId().split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("A catalogItemId is productId:skuId:availabilityId, not "
          + instructions.catalogItemId());
    }
    return new NextTerm(new NextTermProduct(parts[0], parts[1], parts[2], instructions.billingCycle(),
        instructions.termDuration()), instructions.quantity());
  }

  @Override
  public List<CustomerUser> users(String tenantId) {
    return readAll(new Call(CspOperation.LIST_USERS, null, null, tenantId), User.class).stream()
        .map(u -> new CustomerUser(u.id(), u.userPrincipalName(), u.displayName())).toList();
  }

  @Override
  public void resetPassword(String requestId, String tenantId, String userId, char[] newPassword) {
    byte[] body = passwordBody(newPassword);
    try {
      read(new Call(CspOperation.RESET_PASSWORD, requestId, body, tenantId, userId), JsonNode.class);
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  @Override
  public Optional<String> tenantIdOf(String domain) {
    Call call = new Call(CspOperation.DISCOVER_TENANT, null, null, domain);
    Answer answer = http.send(call);
    if (answer.status() == 400 || answer.status() == 404) {
      return Optional.empty();
    }
    SignInMetadata metadata = parse(call, answer, SignInMetadata.class);
    for (String url : new String[] {metadata.issuer(), metadata.tokenEndpoint()}) {
      Matcher tenant = TENANT_IN_ISSUER.matcher(url == null ? "" : url);
      if (tenant.find()) {
        return Optional.of(tenant.group(1).toLowerCase());
      }
    }
    throw new CspTechnicalException("The sign-in metadata of " + domain + " names no tenant");
  }

  @Override
  public AdminAccess adminAccess(String tenantId) {
    List<Relationship> active = relationshipsWith(tenantId).stream()
        .filter(r -> GdapRelationship.Status.parse(r.status()) == GdapRelationship.Status.ACTIVE).toList();
    List<Need> needs = List.of(new Need(CspOperation.LIST_USERS, "listing the customer's users"),
        new Need(CspOperation.RESET_PASSWORD, "resetting its administrator's password"));
    if (active.isEmpty()) {
      return new AdminAccess(AdminAccess.Missing.RELATIONSHIP, "There is no active GDAP relationship with the "
          + "customer's tenant " + tenantId + ". Ask the customer's Global Administrator to approve one that holds "
          + needs.stream().map(Need::roleNames).collect(Collectors.joining(" and ")) + " (Partner Center: Customers, "
          + "the customer, Admin relationships, Request admin relationship).");
    }
    Set<GdapRole> held = new LinkedHashSet<>();
    active.forEach(r -> held.addAll(r.roles()));
    List<Need> notHeld = needs.stream().filter(need -> need.usable(held).isEmpty()).toList();
    if (!notHeld.isEmpty()) {
      return new AdminAccess(AdminAccess.Missing.ROLE, "The active GDAP relationship(s) " + names(active)
          + " with the customer's tenant " + tenantId + " hold none of " + notHeld.stream()
          .map(need -> need.roleNames() + ", which " + need.purpose() + " needs").collect(Collectors.joining("; "))
          + ". Request a relationship that holds them and have the customer approve it.");
    }
    String group = agentGroup();
    Set<GdapRole> assigned = new LinkedHashSet<>();
    for (Relationship relationship : active) {
      assignmentsOf(relationship.id()).stream()
          .filter(a -> "active".equalsIgnoreCase(a.status()) && a.accessContainer() != null
              && group.equalsIgnoreCase(a.accessContainer().accessContainerId()))
          .forEach(a -> assigned.addAll(a.roles()));
    }
    List<Need> notAssigned = needs.stream()
        .filter(need -> need.usable(held).stream().noneMatch(assigned::contains)).toList();
    if (!notAssigned.isEmpty()) {
      return new AdminAccess(AdminAccess.Missing.GROUP_ASSIGNMENT, "The GDAP role(s) " + notAssigned.stream()
          .map(need -> need.usable(held).stream().map(GdapRole::displayName).collect(Collectors.joining(" or "))
              + " (for " + need.purpose() + ")").collect(Collectors.joining(", ")) + " of the relationship(s) "
          + names(active) + " are not assigned to the agent security group " + group + ", so nobody of the partner "
          + "can use them. Assign them to that group (Partner Center: Customers, the customer, Admin relationships, "
          + "the relationship, Assign roles).");
    }
    return AdminAccess.granted();
  }

  /** What one operation needs: any of its GDAP roles, or Global Administrator, which can do what any role can. */
  private record Need(CspOperation operation, String purpose) {

    List<GdapRole> usable(Set<GdapRole> held) {
      List<GdapRole> roles = new ArrayList<>(operation.gdapRoles());
      roles.add(GdapRole.GLOBAL_ADMINISTRATOR);
      return roles.stream().filter(held::contains).toList();
    }

    String roleNames() {
      List<String> names = operation.gdapRoles().stream().map(GdapRole::displayName).toList();
      return names.size() == 1 ? names.get(0)
          : "one of " + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
  }

  @Override
  public GdapRelationship requestGdapRelationship(String tenantId, String customerName, String displayName) {
    Relationship relationship = relationshipsWith(tenantId).stream()
        .filter(r -> displayName.equals(r.displayName())).findFirst()
        .orElseGet(() -> read(new Call(CspOperation.GDAP_CREATE_RELATIONSHIP, null, write(new Relationship(null,
            displayName, gdap.duration(), new GdapCustomer(tenantId, customerName), AccessDetails.of(gdap.roles()),
            autoExtendDuration(), null))), Relationship.class));
    if (GdapRelationship.Status.parse(relationship.status()) == GdapRelationship.Status.CREATED) {
      read(new Call(CspOperation.GDAP_LOCK_FOR_APPROVAL, null, write(new RelationshipAction("lockForApproval")),
          relationship.id()), JsonNode.class);
      return gdapRelationship(relationship.id());
    }
    return relationship(relationship);
  }

  @Override
  public GdapRelationship gdapRelationship(String relationshipId) {
    return relationship(read(new Call(CspOperation.GDAP_GET_RELATIONSHIP, null, null, relationshipId),
        Relationship.class));
  }

  @Override
  public void assignGdapRoles(String relationshipId) {
    String group = agentGroup();
    boolean assigned = assignmentsOf(relationshipId).stream().anyMatch(a -> a.accessContainer() != null
        && group.equalsIgnoreCase(a.accessContainer().accessContainerId())
        && ASSIGNMENT_IN_FORCE.contains(String.valueOf(a.status()).toLowerCase()));
    if (!assigned) {
      Relationship relationship = read(new Call(CspOperation.GDAP_GET_RELATIONSHIP, null, null, relationshipId),
          Relationship.class);
      read(new Call(CspOperation.GDAP_CREATE_ACCESS_ASSIGNMENT, null, write(new AccessAssignment(null, null,
          new AccessContainer(group, "securityGroup"), relationship.accessDetails())), relationshipId),
          JsonNode.class);
    }
  }

  private List<Relationship> relationshipsWith(String tenantId) {
    return readAll(new Call(CspOperation.GDAP_LIST_RELATIONSHIPS, null, null, tenantId), Relationship.class);
  }

  private List<AccessAssignment> assignmentsOf(String relationshipId) {
    return readAll(new Call(CspOperation.GDAP_LIST_ACCESS_ASSIGNMENTS, null, null, relationshipId),
        AccessAssignment.class);
  }

  private static GdapRelationship relationship(Relationship relationship) {
    return new GdapRelationship(relationship.id(), GdapRelationship.Status.parse(relationship.status()),
        GdapRelationship.approvalUrl(relationship.id()));
  }

  /** Microsoft refuses to extend a relationship holding Global Administrator automatically. */
  private String autoExtendDuration() {
    return gdap.roles().contains(GdapRole.GLOBAL_ADMINISTRATOR) ? "PT0S" : gdap.autoExtendDuration();
  }

  private String agentGroup() {
    if (gdap.agentGroupId() == null || gdap.agentGroupId().isBlank()) {
      throw new CspTechnicalException("The partner's agent security group is not configured "
          + "(cspflow.csp.gdap.agent-group-id): GDAP roles count only when assigned to it");
    }
    return gdap.agentGroupId().trim();
  }

  private static String names(List<Relationship> relationships) {
    return relationships.stream().map(r -> "'" + r.displayName() + "'").collect(Collectors.joining(", "));
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
        refundableQuantity, text(s, "orderId"), s.path("attributes").path("etag").asText(null),
        s.path("autoRenewEnabled").asBoolean(false), instant(s, "cancellationAllowedUntilDate"),
        scheduledNextTerm(s.path("scheduledNextTermInstructions")));
  }

  /** Null when nothing is scheduled (the field absent or null) or when it names no product. */
  private static NextTermInstructions scheduledNextTerm(JsonNode instructions) {
    JsonNode product = instructions.path("product");
    if (!product.isObject() || !instructions.path("quantity").canConvertToInt()) {
      return null;
    }
    return new NextTermInstructions(text(product, "productId") + ":" + text(product, "skuId") + ":"
        + text(product, "availabilityId"), instructions.path("quantity").asInt(), text(product, "termDuration"),
        text(product, "billingCycle"));
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
    return PartnerCenterTimestamps.parse(value);
  }

  /** Stable for the same order request, and distinct from the cart's id. */
  static String checkoutRequestId(String requestId) {
    return UUID.nameUUIDFromBytes(("checkout:" + requestId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Pages of one list cspflow follows at most: far beyond any customer's, short of a loop without end. */
  static final int MAX_PAGES = 1000;

  /**
   * Every item of a list, however many pages Microsoft splits it into: Partner Center's {@code items} and Graph's
   * {@code value}, page after page, as {@link PartnerCenterHttp#nextPage} finds the next.
   */
  private <T> List<T> readAll(Call call, Class<T> itemType) {
    List<T> items = new ArrayList<>();
    String itemsField = call.operation().api() == CspOperation.Api.GRAPH ? "value" : "items";
    Call page = call;
    for (int pages = 1; ; pages++) {
      JsonNode answer = read(page, JsonNode.class);
      for (JsonNode item : answer.path(itemsField)) {
        items.add(item(call, item, itemType));
      }
      Optional<PartnerCenterHttp.NextPage> next = http.nextPage(call, answer);
      if (next.isEmpty()) {
        return items;
      }
      if (pages >= MAX_PAGES) {
        throw new CspTechnicalException(call.operation() + ": the list goes on beyond " + MAX_PAGES + " pages");
      }
      page = call.onPage(next.get());
    }
  }

  private <T> T item(Call call, JsonNode item, Class<T> type) {
    if (type == JsonNode.class) {
      return type.cast(item);
    }
    try {
      return json.treeToValue(item, type);
    } catch (IOException e) {
      throw new CspTechnicalException(call.operation() + ": unreadable item in Microsoft's answer", e);
    }
  }

  private <T> T read(Call call, Class<T> type) {
    return parse(call, http.send(call), type);
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
