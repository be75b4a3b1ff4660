package com.cspflow.partnercenterevents;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How cspflow takes Partner Center's webhook events ({@code cspflow.csp.events}). The address Partner Center posts
 * to, {@code cspflow.csp.events.callback-url}, is read when the application is ready (it may name the port the
 * server got), not here.
 *
 * @param certificateHosts where the certificate that signs an event may be downloaded from ({@code
 *     X-MS-Certificate-Url}); Microsoft's is an Azure storage account. Over HTTPS, unless the host is the machine
 *     itself (the sandbox)
 * @param certificateSubject the common name that certificate must be issued to
 * @param trustAnchors where the certificate authorities (PEM) that certificate must chain up to are (a file: or
 *     classpath: address); empty: the JDK's own
 * @param events the events cspflow registers for
 * @param registrationCheck how often the registration is compared with what cspflow wants (and fixed)
 */
@ConfigurationProperties("cspflow.csp.events")
public record PartnerCenterEventsProperties(
    @DefaultValue("3psostorageacct.blob.core.windows.net") List<String> certificateHosts,
    @DefaultValue("pcnotifications-dispatch.microsoft.com") String certificateSubject,
    String trustAnchors,
    @DefaultValue({"subscription-updated", "subscription-renewed"}) List<String> events,
    @DefaultValue("PT1H") Duration registrationCheck) {

  public PartnerCenterEventsProperties {
    certificateHosts = certificateHosts.stream().map(String::toLowerCase).toList();
    events = List.copyOf(events);
  }
}
