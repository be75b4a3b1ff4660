package com.cspflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cspflow.csp.CatalogOffer;
import com.cspflow.csp.CspPort;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An offer looked up by id is read once and kept, until a refresh on this node has changed the catalog. */
class CatalogOfferLookupTest {

  static final CatalogOffer BASIC = new CatalogOffer("basic", "Corporate", "Microsoft 365", "Business Basic", 1, 300,
      List.of(), "EUR", List.of(), null);

  private final CatalogRepository repository = mock(CatalogRepository.class);
  private final CspPort csp = mock(CspPort.class);
  private final CatalogService catalog = new CatalogService(repository, csp,
      Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void anOfferIsReadOnceForManyLookups() {
    when(repository.find("basic")).thenReturn(Optional.of(BASIC));

    for (int order = 0; order < 5; order++) {
      assertThat(catalog.offer("basic")).contains(BASIC);
    }

    verify(repository, times(1)).find("basic");
  }

  @Test
  void anIdTheCatalogDoesNotHoldIsReadAgainNextTime() {
    when(repository.find("new")).thenReturn(Optional.empty(), Optional.of(BASIC));

    assertThat(catalog.offer("new")).isEmpty();
    assertThat(catalog.offer("new")).contains(BASIC);
  }

  @Test
  void aRefreshDropsTheKeptOffers() {
    CatalogOffer withdrawn = new CatalogOffer("basic", "Corporate", "Microsoft 365", "Business Basic", 1, 300,
        List.of(), "EUR", List.of(), LocalDate.parse("2026-12-04"));
    when(repository.find("basic")).thenReturn(Optional.of(BASIC), Optional.of(withdrawn));
    when(csp.catalog()).thenReturn(List.of(BASIC));
    when(repository.save(any(), any())).thenReturn(0);
    assertThat(catalog.offer("basic")).contains(BASIC);

    catalog.refresh();

    assertThat(catalog.offer("basic")).contains(withdrawn);
    verify(repository, times(2)).find("basic");
  }
}
