package com.cspflow.platform.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one handler of {@code /api/partners/{partnerId}/...} that may name a partner that does not exist yet: its
 * first setup, which creates it. {@link PartnerScope} asks {@link PartnerAccess#settingUp} for it instead of {@link
 * PartnerAccess#actingFor}, which answers 404 for an unknown partner.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SetsUpPartner {}
