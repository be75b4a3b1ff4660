package com.cspflow.ordering;

import com.cspflow.platform.mail.NotificationMail.MailNotSent;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_NotifyPartner: the partner's contact learns the subscription is ready. It runs in the job of the check that
 * found the order provisioned, or after a wait in the job that leaves it, so Cockpit shows a mail's incident on that
 * job's step ("Place order with Microsoft" or "Wait for provisioning"): the message says that the order is fulfilled
 * and what retrying does.
 */
@Component
public class NotifyPartnerOfFulfilmentDelegate implements JavaDelegate {

  private final OrderingService ordering;

  public NotifyPartnerOfFulfilmentDelegate(OrderingService ordering) {
    this.ordering = ordering;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String orderId = execution.getProcessBusinessKey();
    try {
      ordering.notifyPartner(orderId);
    } catch (MailNotSent notSent) {
      throw new MailNotSent("Order " + orderId + " is fulfilled and recorded; the partner's mail was not sent. "
          + notSent.getMessage() + "; retrying neither orders nor records the order again.", notSent);
    }
  }
}
