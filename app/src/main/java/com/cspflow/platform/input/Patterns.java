package com.cspflow.platform.input;

/** Shapes of ids and codes that several commands share, as regular expressions for {@code @Pattern}. */
public final class Patterns {

  /** Our ids (organizations, orders, changes) and Microsoft's (tenants, subscriptions): a GUID. */
  public static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  public static final String GUID_HINT = "must be an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301";

  /** New commerce's catalog item: productId:skuId:availabilityId, e.g. CFQ7TTC0LH18:0001:CFQ7TTC09644. */
  public static final String CATALOG_ITEM = "[A-Z0-9]{1,20}:[A-Z0-9]{1,8}:[A-Z0-9]{1,20}";
  public static final String CATALOG_ITEM_HINT = "must be a catalog item id like CFQ7TTC0LH18:0001:CFQ7TTC09644";

  /** The terms new commerce sells. */
  public static final String TERM = "P1M|P1Y|P3Y";
  public static final String TERM_HINT = "must be P1M, P1Y or P3Y";

  /** The billing plans new commerce bills by. */
  public static final String BILLING_CYCLE = "monthly|annual|triennial";
  public static final String BILLING_CYCLE_HINT = "must be monthly, annual or triennial";

  /** A billing month in a path, e.g. /api/billing/runs/2026-11; whether it can be billed is each report's own rule. */
  public static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";
  public static final String MONTH_HINT = "must be a month as YYYY-MM, e.g. 2026-11";

  /** The largest seat count any Microsoft 365 offer allows; the catalog's own maximum is checked per offer. */
  public static final int MAX_SEATS = 1_000_000;

  private Patterns() {}
}
