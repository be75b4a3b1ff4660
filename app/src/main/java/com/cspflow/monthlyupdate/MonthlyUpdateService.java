package com.cspflow.monthlyupdate;

import com.cspflow.reconciliation.ChargeLedger;
import com.cspflow.catalog.CatalogService;
import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspBusinessException;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.monthlyupdate.BillingRunRepository.Baseline;
import com.cspflow.monthlyupdate.BillingRunRepository.ChunkCustomer;
import com.cspflow.monthlyupdate.BillingRunRepository.CustomerOutcome;
import com.cspflow.monthlyupdate.BillingRunRepository.Sweep;
import com.cspflow.monthlyupdate.BillingRunRepository.OpenRun;
import com.cspflow.monthlyupdate.BillingRunRepository.Outcome;
import com.cspflow.monthlyupdate.BillingRunRepository.RunPace;
import com.cspflow.monthlyupdate.BillingRunRepository.Trigger;
import com.cspflow.monthlyupdate.Reconciliation.BillingLine;
import com.cspflow.monthlyupdate.Reconciliation.Customer;
import com.cspflow.monthlyupdate.Reconciliation.Drift;
import com.cspflow.monthlyupdate.Reconciliation.DriftKind;
import com.cspflow.subscriptions.RenewalFollowing.FoundBy;
import com.cspflow.subscriptions.SubscriptionRepository.FollowedRenewal;
import java.util.LinkedHashMap;
import java.util.Set;
import com.cspflow.monthlyupdate.Reconciliation.Result;
import com.cspflow.pricing.PartnerPrices;
import com.cspflow.pricing.PartnerPrices.Pricer;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.subscriptions.RenewalFollowing;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.subscriptions.SubscriptionRepository.Origin;
import com.cspflow.subscriptions.SubscriptionRepository.QuantityAndStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * "We will update the quantity on each subscription on the 25th to make sure you get the correct billing
 * material": a run per billing period reads every active customer's subscriptions from Microsoft, one call per
 * customer, brings our records in line, and writes the period's billing lines and drift report.
 *
 * <p>A run is cut into chunks of customers that run as separate jobs. Each chunk's results are written in the
 * chunk job's own transaction, replacing whatever an earlier attempt of the same chunk wrote, so a retried or
 * resumed chunk never duplicates a line. A customer whose call fails is recorded as failed, not fatal to its
 * chunk; failed customers are retried after the chunks and counted in the summary.
 */
@Service
public class MonthlyUpdateService {

  public static final String PROCESS_KEY = "monthlyQuantityUpdate";

  private static final Logger LOG = LoggerFactory.getLogger(MonthlyUpdateService.class);

  public record OpenedRun(String runId, String period, int customers, int chunkCount, int parallelChunks) {}

  /**
   * How far back an incremental run may look: Partner Center keeps its activity log 90 days; a day less leaves room
   * for the day the log is asked from.
   */
  static final Duration ACTIVITY_LOG_REACH = Duration.ofDays(89);
  /** Changes are looked for from this long before the baseline run started: clocks differ. */
  static final Duration CLOCK_SLACK = Duration.ofHours(1);

  private final BillingRunRepository runs;
  private final SubscriptionRepository subscriptions;
  private final CatalogService catalog;
  private final PartnerPrices prices;
  private final CspPort csp;
  private final CspRequestPacing pacing;
  private final ChangedCustomers changedCustomers;
  private final MonthlyUpdateSettings settings;
  private final RuntimeService runtimeService;
  private final ChargeLedger charges;
  private final Clock clock;

  public MonthlyUpdateService(BillingRunRepository runs, SubscriptionRepository subscriptions,
      CatalogService catalog, PartnerPrices prices, CspPort csp, CspRequestPacing pacing,
      ChangedCustomers changedCustomers, MonthlyUpdateSettings settings, RuntimeService runtimeService, Clock clock, ChargeLedger charges) {
    this.changedCustomers = changedCustomers;
    this.charges = charges;
    this.runs = runs;
    this.subscriptions = subscriptions;
    this.catalog = catalog;
    this.prices = prices;
    this.csp = csp;
    this.pacing = pacing;
    this.settings = settings;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  /**
   * A run asked for over REST or in Tasklist (a valid command: a billable period, a pace from 0.1 to 1000 calls
   * per second): a run of that period still open, or opened at the same moment by someone else, is a conflict
   * (409) before anything is stored.
   */
  public OpenedRun openRequested(RequestMonthlyUpdate command, String requestedBy, String processInstanceId) {
    String period = command.period().trim();
    double pace = command.cspRequestsPerSecond() == null ? settings.cspRequestsPerSecond()
        : command.cspRequestsPerSecond().doubleValue();
    if (stillOpen(period).isPresent()) {
      throw new ConflictingProcessInput("period", period + " already has a run that is still open (process instance "
          + runs.openRun(period).map(OpenRun::processInstanceId).orElse("?") + ")");
    }
    try {
      return open(period, Trigger.REQUEST, requestedBy, processInstanceId, pace,
          Boolean.TRUE.equals(command.fullSweep()));
    } catch (DuplicateKeyException openedMeanwhile) {
      throw new ConflictingProcessInput("period", period
          + " got a run that someone else opened at the same moment");
    }
  }

  /** The run on the 25th, for the current month; empty when a run of that month is already open. */
  public Optional<OpenedRun> openScheduled(String processInstanceId) {
    String period = YearMonth.now(clock).toString();
    Optional<OpenRun> open = stillOpen(period);
    if (open.isPresent()) {
      LOG.warn("Monthly update for {} not started: run {} (process instance {}) is still open", period,
          open.get().id(), open.get().processInstanceId());
      return Optional.empty();
    }
    return Optional.of(open(period, Trigger.SCHEDULE, null, processInstanceId, settings.cspRequestsPerSecond(),
        fullSweepDue(runs.lastCompletedFullSweep(), clock.instant(), settings.fullSweepEvery())));
  }

  /** Whether the scheduled run reads every customer: none ever did, or the last full sweep began too long ago. */
  static boolean fullSweepDue(Optional<Instant> lastFullSweep, Instant now, Duration every) {
    return lastFullSweep.map(last -> last.isBefore(now.minus(every))).orElse(true);
  }

  private Optional<OpenRun> stillOpen(String period) {
    Optional<OpenRun> open = runs.openRun(period);
    if (open.isPresent() && runtimeService.createProcessInstanceQuery()
        .processInstanceId(open.get().processInstanceId()).count() == 0) {
      LOG.warn("Run {} of {} lost its process instance {}; it no longer holds the period", open.get().id(), period,
          open.get().processInstanceId());
      runs.abandon(open.get().id(), clock.instant());
      return Optional.empty();
    }
    return open;
  }

  /**
   * Opens a run. Unless a full sweep is asked for, it is incremental when a run completed within the activity log's
   * reach: it reads from Microsoft only the customers that changed since that run began ({@link ChangedCustomers})
   * and bills the others from our records. The changes are read before anything is stored, so an outage of the
   * activity log fails the opening (retried as the job it is) rather than leaving a run behind.
   */
  private OpenedRun open(String period, Trigger trigger, String requestedBy, String processInstanceId, double pace,
      boolean fullSweep) {
    Instant now = clock.instant();
    Optional<Baseline> baseline = fullSweep ? Optional.empty() : runs.lastCompleted(now.minus(ACTIVITY_LOG_REACH));
    Sweep sweep = baseline.isPresent() ? Sweep.INCREMENTAL : Sweep.FULL;
    Instant since = baseline.map(b -> b.startedAt().minus(CLOCK_SLACK)).orElse(null);
    Set<String> changed = since == null ? Set.of() : changedCustomers.since(since, now);
    String runId = UUID.randomUUID().toString();
    runs.insert(runId, period, trigger, requestedBy, processInstanceId, pace, sweep, since, now);
    int perChunk = baseline.isEmpty() ? settings.customersPerChunk(pace)
        : incrementalChunk(pace, baseline.get(), changed.size());
    int customers = runs.assignCustomers(runId, perChunk);
    int read = baseline.isEmpty() ? customers
        : runs.readFromRecordsExceptChanged(runId, baseline.get().id(), changed);
    runs.recordCustomersRead(runId, read);
    int chunks = (customers + perChunk - 1) / perChunk;
    LOG.info("Monthly update {} opened for {}: {} customers in {} chunks, {} read from Microsoft ({}), {} CSP "
        + "requests/s", runId, period, customers, chunks, read, sweep == Sweep.FULL ? "full sweep"
        : "incremental, changes since " + since, pace == 0 ? "unpaced" : pace);
    return new OpenedRun(runId, period, customers, chunks, settings.parallelChunks(chunks));
  }

  /**
   * Most of an incremental run's customers are billed from our records, which costs no call: its chunks are as large
   * as keep the expected calls of one chunk at half of what a paced chunk may make, so that fewer chunks end (each
   * end updates the same multi-instance counters).
   */
  private int incrementalChunk(double pace, Baseline baseline, int changed) {
    int active = runs.activeCustomers();
    int readExpected = changed + Math.max(0, active - runs.doneCount(baseline.id()));
    return settings.customersPerChunk(pace, active == 0 ? 1 : Math.min(1.0, (double) readExpected / active));
  }

  /** Updates one chunk's customers; returns how many of them failed. */
  public int updateChunk(String runId, int chunkNo) {
    return update(runs.pace(runId), runs.customersOfChunk(runId, chunkNo));
  }

  /** Tries the customers that failed once more; returns how many still fail. */
  public int retryFailedCustomers(String runId) {
    update(runs.pace(runId), runs.failedCustomers(runId).stream().map(c -> new ChunkCustomer(c, false, true)).toList());
    return runs.failedCount(runId);
  }

  public int failedCustomers(String runId) {
    return runs.failedCount(runId);
  }

  public RunSummary close(String runId) {
    RunSummary summary = runs.close(runId, clock.instant());
    LOG.info("Monthly update {} completed: {}", runId, summary.headline());
    return summary;
  }

  private int update(RunPace run, List<ChunkCustomer> chunk) {
    if (chunk.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    Computed computed = compute(run.id(), YearMonth.parse(run.period()), run.cspRequestsPerSecond(), chunk, now);
    computed.discovered().forEach(
        (organizationId, found) -> found.forEach(s -> subscriptions.save(organizationId, s, Origin.DISCOVERED, null,
            now)));
    List<Drift> drifts = new ArrayList<>(computed.drifts());
    drifts.addAll(renewalsTheDailyCheckFound(computed.reconciled(), run.period(), drifts));
    List<String> writtenBefore = chunk.stream().filter(ChunkCustomer::writtenBefore)
        .map(c -> c.customer().organizationId()).toList();
    runs.replaceResults(run.id(), run.period(), computed.reconciled(), writtenBefore, computed.lines(), drifts, now);
    subscriptions.updateQuantitiesAndStatuses(computed.corrections(), now);
    subscriptions.followRenewals(computed.renewals(), FoundBy.MONTHLY_UPDATE, run.period(), now);
    charges.followed(computed.renewals());
    subscriptions.updateRenewalFacts(computed.renewalFacts(), now);
    runs.recordOutcomes(run.id(), computed.outcomes());
    return computed.failed();
  }

  /** A chunk's results before anything of them is written. */
  private record Computed(List<BillingLine> lines, List<Drift> drifts, List<QuantityAndStatus> corrections,
      List<RenewalFollowing.Followed> renewals, List<CspSubscription> renewalFacts,
      Map<String, List<CspSubscription>> discovered, List<CustomerOutcome> outcomes, List<String> reconciled,
      int failed) {}

  /** What a run would bill and report for customers, before the daily check's finds are added. */
  record Preview(List<BillingLine> lines, List<Drift> drifts) {}

  /**
   * The billing lines and drift these customers would get, read from Microsoft except those {@code fromRecords},
   * unpaced, writing nothing: how a full sweep and an incremental run of the same moment are compared.
   */
  Preview preview(List<Customer> customers, Set<String> fromRecords) {
    Computed computed = compute("preview", YearMonth.now(clock), 0, customers.stream()
        .map(c -> new ChunkCustomer(c, fromRecords.contains(c.organizationId()), false)).toList(), clock.instant());
    return new Preview(computed.lines(), computed.drifts());
  }

  private Computed compute(String runId, YearMonth period, double pace, List<ChunkCustomer> chunk, Instant now) {
    List<Customer> customers = chunk.stream().map(ChunkCustomer::customer).toList();
    Set<String> fromRecords = chunk.stream().filter(ChunkCustomer::fromRecords).map(c -> c.customer().organizationId())
        .collect(Collectors.toSet());
    Map<String, CatalogOffer> offers = catalog.offers().stream()
        .collect(Collectors.toMap(CatalogOffer::catalogItemId, Function.identity()));
    Pricer pricer = prices.forPartners(customers.stream().map(Customer::partnerId).distinct().toList());
    var ours = subscriptions.ofOrganizations(customers.stream().map(Customer::organizationId).toList());
    List<BillingLine> lines = new ArrayList<>();
    List<Drift> drifts = new ArrayList<>();
    List<QuantityAndStatus> corrections = new ArrayList<>();
    List<CspSubscription> renewalFacts = new ArrayList<>();
    List<RenewalFollowing.Followed> renewals = new ArrayList<>();
    Map<String, List<CspSubscription>> discovered = new LinkedHashMap<>();
    List<CustomerOutcome> outcomes = new ArrayList<>();
    List<String> reconciled = new ArrayList<>();
    int failed = 0;
    for (Customer customer : customers) {
      List<CspSubscription> atMicrosoft;
      boolean read = !fromRecords.contains(customer.organizationId());
      try {
        if (read) {
          pacing.awaitTurn(pace);
          atMicrosoft = csp.subscriptions(customer.tenantId());
        } else {
          atMicrosoft = asRecorded(ours.getOrDefault(customer.organizationId(), List.of()));
        }
      } catch (CspTechnicalException | CspBusinessException e) {
        LOG.warn("Monthly update {}: subscriptions of organization {} not read: {}", runId,
            customer.organizationId(), e.getMessage());
        outcomes.add(new CustomerOutcome(customer.organizationId(), Outcome.FAILED, 0, e.getMessage()));
        failed++;
        continue;
      }
      Result result = Reconciliation.reconcile(customer, ours.getOrDefault(customer.organizationId(), List.of()),
          atMicrosoft, offers, pricer, period, LocalDate.ofInstant(now, clock.getZone()), clock.getZone());
      lines.addAll(result.lines());
      drifts.addAll(result.drifts());
      result.corrections().forEach(c -> corrections.add(new QuantityAndStatus(c.subscriptionId(), c.quantity(),
          c.status())));
      renewals.addAll(result.renewals());
      if (!result.discovered().isEmpty()) {
        discovered.put(customer.organizationId(), result.discovered());
      }
      if (read) {
        renewalFacts.addAll(renewalFactsChanged(ours.getOrDefault(customer.organizationId(), List.of()), atMicrosoft));
      }
      outcomes.add(new CustomerOutcome(customer.organizationId(), Outcome.DONE, result.subscriptionsAtCsp(), null));
      reconciled.add(customer.organizationId());
    }
    return new Computed(lines, drifts, corrections, renewals, renewalFacts, discovered, outcomes, reconciled, failed);
  }

  /**
   * Those of Microsoft's subscriptions whose renewal facts (commitment end, auto-renew, cancellation window, scheduled
   * next term) or creation date our records do not have yet, or that we have no record of: only they are written
   * back. Most subscriptions have not changed since the last run, and a full sweep would otherwise rewrite every
   * record.
   */
  static List<CspSubscription> renewalFactsChanged(List<com.cspflow.subscriptions.Subscription> ours,
      List<CspSubscription> atMicrosoft) {
    Map<String, com.cspflow.subscriptions.Subscription> byId = ours.stream()
        .collect(Collectors.toMap(com.cspflow.subscriptions.Subscription::id, Function.identity(), (a, b) -> a));
    return atMicrosoft.stream().filter(theirs -> {
      com.cspflow.subscriptions.Subscription recorded = byId.get(theirs.id());
      return recorded == null || !sameRenewalFacts(recorded, theirs);
    }).toList();
  }

  private static boolean sameRenewalFacts(com.cspflow.subscriptions.Subscription ours, CspSubscription theirs) {
    var next = ours.scheduledNextTerm();
    var theirNext = theirs.scheduledNextTerm();
    boolean sameNext = next == null ? theirNext == null : theirNext != null
        && Objects.equals(next.catalogItemId(), theirNext.catalogItemId()) && next.quantity() == theirNext.quantity()
        && Objects.equals(next.termDuration(), theirNext.termDuration())
        && Objects.equals(next.billingCycle(), theirNext.billingCycle());
    return sameNext && Objects.equals(ours.commitmentEndDate(), theirs.commitmentEndDate())
        && Boolean.valueOf(theirs.autoRenewEnabled()).equals(ours.autoRenewEnabled())
        && Objects.equals(ours.cancellationAllowedUntil(), theirs.cancellationAllowedUntil())
        && (ours.purchasedAt() != null || theirs.creationDate() == null);
  }

  /**
   * A customer's subscriptions as our records have them, in the shape Microsoft lists them: what an incremental run
   * bills a customer that did not change by (a subscription Microsoft no longer lists is not among them).
   */
  static List<CspSubscription> asRecorded(List<com.cspflow.subscriptions.Subscription> ours) {
    return ours.stream().filter(s -> !Reconciliation.DISAPPEARED.equals(s.status()))
        .map(s -> new CspSubscription(s.id(), s.catalogItemId(), s.offerName(), s.quantity(),
            CspSubscription.Status.parse(s.status()), s.termDuration(), s.billingCycle(), s.purchasedAt(),
            s.startDate(), s.commitmentEndDate(), 0, s.orderId(), null,
            s.autoRenewEnabled() == null || s.autoRenewEnabled(), s.cancellationAllowedUntil(), null))
        .toList();
  }

  /**
   * The renewals and expiries the daily check followed since the last drift report, for the drift report of this run:
   * our record already follows them, so the run itself no longer sees them. The latest per subscription and kind, and
   * none that this run found itself.
   */
  private List<Drift> renewalsTheDailyCheckFound(List<String> organizationIds, String period, List<Drift> found) {
    Set<String> alreadyListed = found.stream().map(d -> d.subscriptionId() + " " + d.kind()).collect(Collectors.toSet());
    Map<String, Drift> latest = new LinkedHashMap<>();
    for (FollowedRenewal find : subscriptions.takeDailyCheckFinds(organizationIds, period)) {
      String key = find.subscriptionId() + " " + find.kind();
      if (!alreadyListed.contains(key)) {
        latest.put(key, new Drift(find.organizationId(), find.subscriptionId(), DriftKind.valueOf(find.kind().name()),
            find.ourQuantity(), find.cspQuantity(), find.ourStatus(), find.cspStatus(), find.detail(), find.foundBy(),
            find.foundAt()));
      }
    }
    return List.copyOf(latest.values());
  }
}
