package com.cspflow.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sandbox as a server on a random port, with the app registration, partner tenant, first refresh token and
 * administrator of {@link SandboxClient}. Every test class uses these same settings, so they share one application
 * (and its in-memory database): tests make their own customers and consents rather than count what exists.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SandboxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "sandbox.tenant-id=" + SandboxClient.TENANT_ID,
        "sandbox.client-id=" + SandboxClient.CLIENT_ID,
        "sandbox.client-secret=" + SandboxClient.CLIENT_SECRET,
        "sandbox.refresh-token=" + SandboxClient.CONFIGURED_REFRESH_TOKEN,
        "sandbox.admin.user=" + SandboxClient.ADMIN_USER,
        "sandbox.admin.password=" + SandboxClient.ADMIN_PASSWORD})
@interface SandboxSpringTest {}
