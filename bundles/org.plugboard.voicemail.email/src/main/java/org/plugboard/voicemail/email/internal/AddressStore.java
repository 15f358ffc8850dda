package org.plugboard.voicemail.email.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The table {@code vm_email_address} (schema {@code voicemail_email}, Flyway through settingsdb): one row per mailbox
 * with an address. Plain SQL that H2 and PostgreSQL both run. Blocking: never on a call's strand.
 */
final class AddressStore {
    static final String SCHEMA = "voicemail_email";

    private final DataSource dataSource;
    private final Transactions tx;

    AddressStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    /** @return the number of migrations applied now */
    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    Map<String, String> loadAll() {
        return tx.inTransaction("load the voicemail email addresses", c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT extension, address FROM vm_email_address ORDER BY extension");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /** Sets the address of a mailbox, or removes it when {@code address} is null. */
    void save(String extension, String address, Instant now) {
        tx.inTransaction((address == null ? "clear" : "store") + " the voicemail email address of " + extension, c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM vm_email_address WHERE extension = ?")) {
                del.setString(1, extension);
                del.executeUpdate();
            }
            if (address != null) {
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO vm_email_address (extension, address, changed_at) VALUES (?, ?, ?)")) {
                    ins.setString(1, extension);
                    ins.setString(2, address);
                    ins.setTimestamp(3, Timestamp.from(now));
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }
}
