package com.cspflow.reconciliation;

import com.cspflow.platform.TextColumns;
import com.cspflow.csp.BillingExportStatus;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.csp.MicrosoftCharge;
import java.net.URI;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Microsoft's lines of a billing period, through Microsoft Graph's reconciliation export: asked for, followed until
 * ready, downloaded file by file and kept. A file's lines are stored with the mark that it is downloaded, in one
 * transaction: a download that breaks off stores nothing of its file, and a restart (the job's retry, on any node)
 * downloads only the files not yet stored. The files' signed addresses are asked for anew each time and never stored.
 */
@Service
public class BillingExports {

  static final int FILE_ATTEMPTS = 4;

  /** Where an export of ours stands. */
  public enum Status { NEW, REQUESTED, READY, DOWNLOADED }

  private final JdbcClient jdbc;
  private final NamedParameterJdbcTemplate batch;
  private final CspPort csp;
  private final ReconciliationSettings settings;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public BillingExports(JdbcClient jdbc, NamedParameterJdbcTemplate batch, CspPort csp,
      ReconciliationSettings settings, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.csp = csp;
    this.settings = settings;
    // Each file commits on its own, whatever the job's transaction does afterwards.
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * An export of {@code period}'s lines, not yet asked for: {@code billingPeriod} is Graph's current or last
   * (unbilled lines), or invoice (the billed lines of {@code invoiceId}).
   */
  public String register(String period, String billingPeriod, String invoiceId) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        INSERT INTO billing_export (id, period, billing_period, invoice_id, operation_id, status, requested_at)
        VALUES (:id, :period, :billingPeriod, :invoiceId, '', 'NEW', :now)""")
        .param("id", id).param("period", period).param("billingPeriod", billingPeriod)
        .param("invoiceId", invoiceId, Types.VARCHAR).param("now", Timestamp.from(clock.instant())).update();
    return id;
  }

  /** Asks Microsoft for the export, once: a retry after the answer was stored does not ask again. */
  public void request(String exportId) {
    Export export = export(exportId);
    if (export.status() != Status.NEW) {
      return;
    }
    String operation = export.invoiceId() != null ? csp.requestBilledExport(export.invoiceId())
        : csp.requestUnbilledExport(export.billingPeriod(), settings.currency());
    jdbc.sql("UPDATE billing_export SET operation_id = :operation, status = 'REQUESTED' WHERE id = :id "
            + "AND status = 'NEW'")
        .param("operation", operation).param("id", exportId).update();
  }

  /** Whether Microsoft's export is ready; a failed export is an error to look into (a new reconciliation asks anew). */
  public boolean ready(String exportId) {
    Export export = export(exportId);
    if (export.status() == Status.READY || export.status() == Status.DOWNLOADED) {
      return true;
    }
    BillingExportStatus status = csp.billingExport(export.operationId());
    if (status.failed()) {
      throw new CspTechnicalException("Microsoft's billing export " + export.operationId() + " failed: start the "
          + "reconciliation of " + export.period() + " again to ask for a new one");
    }
    if (!status.succeeded()) {
      return false;
    }
    jdbc.sql("UPDATE billing_export SET status = 'READY', file_count = :files WHERE id = :id AND status = 'REQUESTED'")
        .param("files", status.files().size()).param("id", exportId).update();
    return true;
  }

  /** Downloads the files not yet stored; returns how many lines the export holds. */
  public int download(String exportId) {
    Export export = export(exportId);
    if (export.status() != Status.DOWNLOADED) {
      List<URI> files = csp.billingExport(export.operationId()).files();
      Set<Integer> stored = Set.copyOf(jdbc.sql("SELECT file_no FROM billing_export_file WHERE export_id = :id")
          .param("id", exportId).query(Integer.class).list());
      for (int fileNo = 0; fileNo < files.size(); fileNo++) {
        if (!stored.contains(fileNo)) {
          List<MicrosoftCharge> lines = downloaded(files.get(fileNo), fileNo, files.size());
          int number = fileNo;
          transactions.executeWithoutResult(tx -> store(exportId, number, lines));
        }
      }
      jdbc.sql("UPDATE billing_export SET status = 'DOWNLOADED', finished_at = :now WHERE id = :id")
          .param("now", Timestamp.from(clock.instant())).param("id", exportId).update();
    }
    return jdbc.sql("SELECT COUNT(*) FROM microsoft_charge WHERE export_id = :id").param("id", exportId)
        .query(Integer.class).single();
  }

  /**
   * One file, tried up to {@value #FILE_ATTEMPTS} times a second or more apart: an export of many files must not spend
   * the job's retries on one passing failure each. A file that keeps failing fails the job (retried with the engine's
   * cycle, from the first file not stored).
   */
  private List<MicrosoftCharge> downloaded(URI file, int fileNo, int files) {
    for (int attempt = 1; ; attempt++) {
      try {
        return csp.billingLines(file);
      } catch (CspTechnicalException e) {
        if (attempt >= FILE_ATTEMPTS) {
          throw new CspTechnicalException(e.getMessage() + " (file " + (fileNo + 1) + " of " + files + ", tried "
              + attempt + " times; the files before it are stored: a retry continues with this one)");
        }
        try {
          Thread.sleep(1000L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The files of the export stored so far. */
  public int filesStored(String exportId) {
    return jdbc.sql("SELECT COUNT(*) FROM billing_export_file WHERE export_id = :id").param("id", exportId)
        .query(Integer.class).single();
  }

  private void store(String exportId, int fileNo, List<MicrosoftCharge> lines) {
    // The mark first: a second node downloading the same file at the same moment fails here and rolls back.
    jdbc.sql("INSERT INTO billing_export_file (export_id, file_no, lines, downloaded_at) VALUES (:id, :file, :lines, "
            + ":now)")
        .param("id", exportId).param("file", fileNo).param("lines", lines.size())
        .param("now", Timestamp.from(clock.instant())).update();
    MapSqlParameterSource[] rows = new MapSqlParameterSource[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      MicrosoftCharge line = lines.get(i);
      rows[i] = new MapSqlParameterSource().addValue("exportId", exportId).addValue("file", fileNo)
          .addValue("line", i).addValue("tenant", TextColumns.fitted(line.tenantId(), 64), Types.VARCHAR)
          .addValue("subscription", TextColumns.fitted(line.subscriptionId(), 64), Types.VARCHAR)
          .addValue("order", TextColumns.fitted(line.orderId(), 64), Types.VARCHAR)
          .addValue("item", TextColumns.fitted(line.catalogItemId(), 100), Types.VARCHAR)
          .addValue("product", TextColumns.fitted(line.product(), 255), Types.VARCHAR)
          .addValue("type", TextColumns.fitted(line.chargeType() == null ? "unknown" : line.chargeType(), 40))
          .addValue("start", line.chargeStart() == null ? null : Date.valueOf(line.chargeStart()), Types.DATE)
          .addValue("end", line.chargeEnd() == null ? null : Date.valueOf(line.chargeEnd()), Types.DATE)
          .addValue("quantity", line.quantity()).addValue("unitPrice", line.unitPrice(), Types.DECIMAL)
          .addValue("subtotal", line.subtotal() == null ? java.math.BigDecimal.ZERO : line.subtotal())
          .addValue("currency", TextColumns.fitted(line.currency(), 3), Types.VARCHAR)
          .addValue("invoice", TextColumns.fitted(line.invoiceNumber(), 40), Types.VARCHAR);
    }
    batch.batchUpdate("""
        INSERT INTO microsoft_charge (export_id, file_no, line_no, tenant_id, subscription_id, order_id, catalog_item_id,
          product, charge_type, charge_start, charge_end, quantity, unit_price, subtotal, currency, invoice_number)
        VALUES (:exportId, :file, :line, :tenant, :subscription, :order, :item, :product, :type, :start, :end,
          :quantity, :unitPrice, :subtotal, :currency, :invoice)""", rows);
  }

  record Export(String id, String period, String billingPeriod, String invoiceId, String operationId, Status status) {}

  Export export(String exportId) {
    return jdbc.sql("SELECT id, period, billing_period, invoice_id, operation_id, status FROM billing_export "
            + "WHERE id = :id")
        .param("id", exportId)
        .query((rs, row) -> new Export(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), Status.valueOf(rs.getString(6)))).single();
  }
}
