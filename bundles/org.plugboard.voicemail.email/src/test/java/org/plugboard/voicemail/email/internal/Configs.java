package org.plugboard.voicemail.email.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** An {@link EmailConfig} as DS would build it: the given properties (keys as in the .cfg file), else the defaults. */
final class Configs {
    private Configs() {
    }

    static EmailConfig email(Map<String, Object> properties) {
        Map<String, Object> p = new HashMap<>(properties);
        return (EmailConfig) Proxy.newProxyInstance(EmailConfig.class.getClassLoader(), new Class<?>[] {EmailConfig.class},
                (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    if (p.containsKey(key)) {
                        return p.get(key);
                    }
                    Object d = method.getDefaultValue();
                    if (d == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return d;
                });
    }
}
