package com.cspflow.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cspflow.csp.CspOrder;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The placing job's hand-off: the placement passes the order as placed to the provisioning check that follows in the
 * same job, as a transient variable, and the check takes it instead of reading the order again (one statement and its
 * mapping per order). A check with nothing handed over (after a wait, or "check again") reads the order. The
 * process's own tests run both steps on the engine and the database ({@code SubscriptionOrderProcessTest}).
 */
class PlacedOrderHandOffTest {

  private final OrderingService ordering = mock(OrderingService.class);
  private final OrderRepository.AtMicrosoft placed = new OrderRepository.AtMicrosoft(new SubscriptionOrder("o-1",
      "org-1", "item", "Product", 1, "P1Y", "monthly", SubscriptionOrder.Status.IN_PROGRESS, 1, "ms-1", null, null,
      "portal", Instant.EPOCH, Instant.EPOCH, null, null), "tenant-1");

  @Test
  void thePlacementHandsTheOrderAsPlacedOnWithoutStoringIt() {
    DelegateExecution execution = execution("o-1", null);
    when(ordering.place("o-1")).thenReturn(placed);

    new PlaceOrderDelegate(ordering).execute(execution);

    ArgumentCaptor<ObjectValue> handedOn = ArgumentCaptor.forClass(ObjectValue.class);
    verify(execution).setVariable(eq(CheckProvisioningDelegate.PLACED_ORDER), handedOn.capture());
    assertThat(handedOn.getValue().getValue()).isSameAs(placed);
    assertThat(handedOn.getValue().isTransient()).as("never stored or written to history").isTrue();
  }

  @Test
  void theCheckInThePlacingJobTakesTheOrderHandedOnInsteadOfReadingIt() {
    when(ordering.checkProvisioning(placed)).thenReturn(CspOrder.Status.COMPLETED);

    new CheckProvisioningDelegate(ordering).execute(execution("o-1", placed));

    verify(ordering).checkProvisioning(placed);
    verify(ordering, never()).checkProvisioning(anyString());
  }

  @Test
  void aCheckWithNothingHandedOnReadsTheOrder() {
    when(ordering.checkProvisioning("o-1")).thenReturn(CspOrder.Status.COMPLETED);

    new CheckProvisioningDelegate(ordering).execute(execution("o-1", null));

    verify(ordering).checkProvisioning("o-1");
    verify(ordering, never()).checkProvisioning(any(OrderRepository.AtMicrosoft.class));
  }

  @Test
  void anOrderHandedOnForAnotherInstanceIsNotTaken() {
    when(ordering.checkProvisioning("o-2")).thenReturn(CspOrder.Status.PENDING);

    new CheckProvisioningDelegate(ordering).execute(execution("o-2", placed));

    verify(ordering).checkProvisioning("o-2");
    verify(ordering, never()).checkProvisioning(any(OrderRepository.AtMicrosoft.class));
  }

  private static DelegateExecution execution(String orderId, Object handedOn) {
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessBusinessKey()).thenReturn(orderId);
    when(execution.getVariable(CheckProvisioningDelegate.PLACED_ORDER)).thenReturn(handedOn);
    return execution;
  }
}
