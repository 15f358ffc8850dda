package org.plugboard.cdr.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

/** A {@link CdrConfig} as SCR would build it from a .cfg file. */
record TestConfig(boolean csv_enabled, String csv_directory, long csv_max_file_size, int csv_max_files,
        boolean db_enabled) implements CdrConfig {

    static TestConfig csv(Path dir, long maxSize, int maxFiles) {
        return new TestConfig(true, dir.toString(), maxSize, maxFiles, true);
    }

    @Override
    public String dataSource_target() {
        return "(dataSourceName=plugboard)";
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return CdrConfig.class;
    }
}
