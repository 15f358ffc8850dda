package org.plugboard.directory.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

import org.h2.jdbcx.JdbcDataSource;

/** Real H2 file databases and configurations for the directory tests. */
final class TestDirectories {
    private TestDirectories() {
    }

    static JdbcDataSource h2(Path dir, String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + dir.resolve(name));
        ds.setUser("sa");
        return ds;
    }

    static DirectoryConfig config(String seed) {
        return config("plugboard", seed);
    }

    static DirectoryConfig config(String realm, String seed) {
        return new DirectoryConfig() {
            public Class<? extends Annotation> annotationType() {
                return DirectoryConfig.class;
            }

            public String realm() {
                return realm;
            }

            public String dataSource_target() {
                return "";
            }

            public String seed_csv() {
                return seed;
            }

            public int password_min_length() {
                return 6;
            }
        };
    }
}
