package org.plugboard.calls.internal;

import java.lang.annotation.Annotation;

/**
 * The calls configuration for unit tests: CallsConfig's defaults, except no media engine (SDP passes through) and
 * no caller authentication, each changeable by a test.
 */
final class TestCallsConfig implements CallsConfig {
    int ringTimeout = 60;
    int maxCallDuration = 14400;
    boolean authenticate = false;
    boolean prackWhenSupported = false;
    boolean offer100rel = true;
    int sessionExpires = 1800;
    int minSe = 90;
    String mediaEngine = "";
    String mediaApplicationEngine = "local";
    String[] services = {};
    int serviceBudgetMs = 50;
    int maxForwardingHops = 5;
    int mediaWaitMs = 5000;
    int setupTimeout = 32;

    @Override
    public int setup_timeout() {
        return setupTimeout;
    }

    @Override
    public int ring_timeout() {
        return ringTimeout;
    }

    @Override
    public int max_call_duration() {
        return maxCallDuration;
    }

    @Override
    public boolean authenticate() {
        return authenticate;
    }

    @Override
    public boolean prack_when_supported() {
        return prackWhenSupported;
    }

    @Override
    public boolean offer_100rel() {
        return offer100rel;
    }

    @Override
    public int session_expires() {
        return sessionExpires;
    }

    @Override
    public int min_se() {
        return minSe;
    }

    @Override
    public String media_engine() {
        return mediaEngine;
    }

    @Override
    public int media_wait_ms() {
        return mediaWaitMs;
    }

    @Override
    public String[] services() {
        return services;
    }

    @Override
    public int service_budget_ms() {
        return serviceBudgetMs;
    }

    @Override
    public int max_forwarding_hops() {
        return maxForwardingHops;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return CallsConfig.class;
    }

    @Override
    public String media_application__engine() {
        return mediaApplicationEngine;
    }
}
