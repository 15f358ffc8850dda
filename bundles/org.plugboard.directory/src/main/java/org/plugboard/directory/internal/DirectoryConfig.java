package org.plugboard.directory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.plugboard.directory", name = "Plugboard directory",
        description = "Extensions and credentials, stored in the DataSource chosen by dataSource.target.")
public @interface DirectoryConfig {
    @AttributeDefinition(name = "Digest realm",
            description = "Realm of every stored HA1. Changing it invalidates all passwords: set them again afterwards.")
    String realm() default "plugboard";

    @AttributeDefinition(name = "DataSource filter", description = "Which javax.sql.DataSource service holds the directory.")
    String dataSource_target() default "(dataSourceName=plugboard)";

    @AttributeDefinition(name = "Seed file",
            description = "CSV (number;password;name) imported once into an empty new database, e.g. the demo extensions. Empty for none.")
    String seed_csv() default "";

    @AttributeDefinition(name = "Minimum password length")
    int password_min_length() default 6;
}
