package org.plugboard.sip.internal;

import java.util.Properties;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;

/**
 * The RI's logger with its errors and warnings bounded: the RI logs at ERROR, with a stack trace, every answer it
 * could not send (a Via port out of range, an answer larger than a datagram) and more, so a sender could choose how
 * much we log (a PROTOS run wrote 68 traces). Its errors, exceptions and warnings go through {@link RateLimitedLog}
 * (one line per exception class or kind per minute, each cut to 300 characters, line breaks removed); debug, trace
 * and info, which an admin turns on deliberately, pass through. The RI keeps one logger for the whole JVM
 * ({@link CommonLogger#legacyLogger}, set by every stack it builds), so {@link #install} wraps it after each build.
 */
final class BoundedStackLogger implements StackLogger {
    private static final RateLimitedLog LOG = RateLimitedLog.of(BoundedStackLogger.class);
    private static final int MAX_CHARS = 300;
    private final StackLogger delegate;

    private BoundedStackLogger(StackLogger delegate) {
        this.delegate = delegate;
    }

    /** Wraps the RI's current logger, once. */
    static synchronized void install() {
        StackLogger current = CommonLogger.legacyLogger;
        if (current != null && !(current instanceof BoundedStackLogger)) {
            CommonLogger.legacyLogger = new BoundedStackLogger(current);
        }
    }

    private static String cut(String s) {
        String one = String.valueOf(s).replaceAll("[\\r\\n]+", " ");
        return one.length() > MAX_CHARS ? one.substring(0, MAX_CHARS) + "..." : one;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("ri " + ex.getClass().getName(), "SIP stack: {}", cut(ex.toString()), ex);
    }

    @Override
    public void logError(String message) {
        LOG.warn("ri error", "SIP stack: {}", cut(message));
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.warn("ri error " + (ex == null ? "" : ex.getClass().getName()), "SIP stack: {}", cut(message), ex);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error("ri fatal", "SIP stack: {}", cut(message));
    }

    @Override
    public void logWarning(String message) {
        LOG.warn("ri warning", "SIP stack: {}", cut(message));
    }

    @Override
    public void logStackTrace() {
        delegate.logStackTrace();
    }

    @Override
    public void logStackTrace(int traceLevel) {
        delegate.logStackTrace(traceLevel);
    }

    @Override
    public int getLineCount() {
        return delegate.getLineCount();
    }

    @Override
    public void logDebug(String message) {
        delegate.logDebug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        delegate.logDebug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        delegate.logTrace(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return delegate.isLoggingEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return delegate.isLoggingEnabled(logLevel);
    }

    @Override
    public void logInfo(String message) {
        delegate.logInfo(message);
    }

    @Override
    public void disableLogging() {
        delegate.disableLogging();
    }

    @Override
    public void enableLogging() {
        delegate.enableLogging();
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        delegate.setBuildTimeStamp(buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        delegate.setStackProperties(stackProperties);
    }

    @Override
    public String getLoggerName() {
        return delegate.getLoggerName();
    }
}
