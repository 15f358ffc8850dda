package org.plugboard.registrar.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * The one {@link Nonces} of the bundle, shared by the REGISTER handler (401 / WWW-Authenticate) and the
 * {@link ProxyAuthenticator} (407 / Proxy-Authenticate), and the thread that sweeps their nonce-count memory.
 * A configuration change keeps the secret and only sets the new lifetime, so neither user is restarted and no
 * nonce in flight becomes invalid.
 */
@Component(service = NonceService.class, configurationPid = "org.plugboard.registrar")
public class NonceService {
    private final Nonces nonces;
    private final ScheduledExecutorService sweeper;

    @Activate
    public NonceService(RegistrarConfig config) {
        this.nonces = new Nonces(config.nonce_lifetime(), () -> System.currentTimeMillis() / 1000);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-nonce-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(nonces::sweep, 60, 60, TimeUnit.SECONDS);
    }

    @Modified
    void modified(RegistrarConfig config) {
        nonces.lifetime(config.nonce_lifetime());
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    Nonces nonces() {
        return nonces;
    }
}
