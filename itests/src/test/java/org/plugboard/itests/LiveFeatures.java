package org.plugboard.itests;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.FeaturesService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Karaf's {@link FeaturesService} as it is at each call. Karaf replaces the service once more just after it says its
 * boot features are done; an instance taken a moment too early refuses every call ({@link RejectedExecutionException}
 * from its stopped executor: PickupIT met it on a fresh clone). Each call goes to the service registered now, and a
 * refusal by an instance being replaced is tried again on its successor (bounded): the refused call did nothing.
 */
final class LiveFeatures implements InvocationHandler {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private final ServiceTracker<FeaturesService, FeaturesService> tracker;

    private LiveFeatures(ServiceTracker<FeaturesService, FeaturesService> tracker) {
        this.tracker = tracker;
    }

    /** A features service that follows {@code tracker} (open, and kept open while the proxy is used). */
    static FeaturesService following(ServiceTracker<FeaturesService, FeaturesService> tracker) {
        return (FeaturesService) Proxy.newProxyInstance(FeaturesService.class.getClassLoader(), new Class<?>[] {FeaturesService.class},
                new LiveFeatures(tracker));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            FeaturesService now = tracker.waitForService(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (now == null) {
                throw new AssertionError("no FeaturesService registered within 60 s");
            }
            try {
                return method.invoke(now, args);
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof RejectedExecutionException) || System.nanoTime() > deadline) {
                    throw e.getCause();
                }
                awaitReplacement(now, deadline);
            }
        }
    }

    /** Until the tracker holds another instance than {@code stopped} (bounded by {@code deadline}). */
    private void awaitReplacement(FeaturesService stopped, long deadline) throws InterruptedException {
        while (tracker.getService() == stopped && System.nanoTime() < deadline) {
            Thread.sleep(10); // poll interval of a bounded wait for Karaf to register the new instance
        }
    }
}
