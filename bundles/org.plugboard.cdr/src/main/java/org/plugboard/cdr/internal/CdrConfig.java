package org.plugboard.cdr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CdrConfig.PID, name = "Plugboard CDR",
        description = "Where call detail records are stored: the database (DataSource chosen by dataSource.target) "
                + "and daily CSV files. Keep at least one enabled: while no durable CDR sink is registered the B2BUA "
                + "holds records back in memory.")
public @interface CdrConfig {
    String PID = "org.plugboard.cdr";

    @AttributeDefinition(name = "CSV files", description = "Append every record to a daily CSV file. Applies live.")
    boolean csv_enabled() default true;

    @AttributeDefinition(name = "CSV directory",
            description = "Folder of the cdr-YYYY-MM-DD.csv files. Empty: ${karaf.data}/plugboard/cdr. Applies live.")
    String csv_directory() default "";

    @AttributeDefinition(name = "CSV maximum file size",
            description = "Bytes; a file that would grow past it is continued in cdr-YYYY-MM-DD-1.csv, -2 ... Applies live.")
    long csv_max_file_size() default 10L * 1024 * 1024;

    @AttributeDefinition(name = "CSV files kept",
            description = "The oldest files beyond this number are deleted; 0 keeps all. Applies live.")
    int csv_max_files() default 90;

    @AttributeDefinition(name = "Database", description = "Insert every record into table cdr (needed by pbx:cdr-list). Applies live.")
    boolean db_enabled() default true;

    @AttributeDefinition(name = "DataSource filter", description = "Which javax.sql.DataSource service holds table cdr.")
    String dataSource_target() default "(dataSourceName=plugboard)";
}
