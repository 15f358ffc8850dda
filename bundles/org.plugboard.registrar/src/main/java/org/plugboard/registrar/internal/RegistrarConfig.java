package org.plugboard.registrar.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.plugboard.registrar", name = "Plugboard registrar",
        description = "REGISTER handling, digest authentication and the authentication-failure guard.")
public @interface RegistrarConfig {
    @AttributeDefinition(name = "Minimum expiry (s)", description = "Shorter requested expiries get 423 Interval Too Brief with Min-Expires.")
    int min_expires() default 60;

    @AttributeDefinition(name = "Maximum expiry (s)", description = "Longer requested expiries are cut to this.")
    int max_expires() default 3600;

    @AttributeDefinition(name = "Default expiry (s)", description = "When the REGISTER gives none.")
    int default_expires() default 3600;

    @AttributeDefinition(name = "Digest algorithms", description = "Offered in this order (RFC 8760). MD5 only by default: SIPp 3.6 and many phones read only the first challenge, and some (baresip 1.0 on Debian 12) give up when any challenge names another algorithm. Add SHA-256 (MD5,SHA-256) when every phone copes.")
    String[] algorithms() default {"MD5"};

    @AttributeDefinition(name = "Nonce lifetime (s)", description = "Older nonces are answered 401 with stale=true.")
    int nonce_lifetime() default 300;

    @AttributeDefinition(name = "Require qop=auth", description = "Refuse digest responses without qop (RFC 2069 style).")
    boolean require_qop() default true;

    @AttributeDefinition(name = "Ban after failures", description = "Failed authentications from one address within the window that trigger a ban; 0 disables the guard.")
    int ban_failures() default 5;

    @AttributeDefinition(name = "Failure window (s)")
    int ban_window() default 60;

    @AttributeDefinition(name = "Ban time (s)")
    int ban_time() default 600;

    @AttributeDefinition(name = "Never ban", description = "Addresses never banned, e.g. your own SBC or monitoring host.")
    String[] ban_allow() default {};

    @AttributeDefinition(name = "Store timeout (s)", description = "A REGISTER is answered 200 once its binding is committed to the database. One whose write fails, or is not committed within this time, gets 500 with Retry-After instead (the binding stays in memory and is written when the database answers again). 1 to 30.")
    int store_timeout() default 5;

    @AttributeDefinition(name = "Retry-After when not stored (s)", description = "Retry-After of that 500; each answer adds up to half as much again at random, so phones do not all come back at once after an outage.")
    int store_retry_after() default 20;

    @AttributeDefinition(name = "DataSource filter", description = "Which javax.sql.DataSource keeps the registrations.")
    String dataSource_target() default "(dataSourceName=plugboard)";
}
