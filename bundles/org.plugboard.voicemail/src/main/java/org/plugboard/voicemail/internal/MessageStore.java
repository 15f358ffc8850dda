package org.plugboard.voicemail.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.plugboard.settingsdb.BundleSchema;
import org.plugboard.settingsdb.Transactions;

/**
 * The tables {@code vm_mailbox} (PINs) and {@code vm_message} (message metadata), migrated as schema
 * {@code voicemail}. Blocking: only on the voicemail executor or the console, never on a call's strand. On H2 a
 * message's commit is followed by a CHECKPOINT, so a {@code kill -9} right after it loses nothing (H2 writes its log
 * up to WRITE_DELAY later otherwise).
 */
final class MessageStore {
    static final String SCHEMA = "voicemail";

    private final DataSource dataSource;
    private final Transactions tx;
    private volatile Boolean h2;

    MessageStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
    }

    int migrate(ClassLoader loader) {
        return BundleSchema.migrate(dataSource, loader, SCHEMA);
    }

    Map<String, String> loadPins() {
        return tx.inTransaction("load the voicemail PINs", c -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT extension, pin_hash FROM vm_mailbox");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    List<Message> loadMessages() {
        return loadMessagesSince(java.time.Instant.EPOCH);
    }

    /** The messages received at or after {@code since} (a previous version's late commits: {@link LateDeposits}). */
    List<Message> loadMessagesSince(java.time.Instant since) {
        return tx.inTransaction("load the voice messages", c -> {
            List<Message> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, mailbox, caller, received_at, millis, file_name, folder "
                    + "FROM vm_message WHERE received_at >= ? ORDER BY received_at, id")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                                rs.getLong(5), rs.getString(6), Message.Folder.valueOf(rs.getString(7))));
                    }
                }
            }
            return out;
        });
    }

    /** Inserts messages in one transaction (a group commit), durable when this returns. */
    void insert(List<Message> messages) {
        tx.inTransaction("store " + messages.size() + " voice message(s)", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vm_message "
                    + "(id, mailbox, caller, received_at, millis, file_name, folder) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Message m : messages) {
                    ps.setString(1, m.id());
                    ps.setString(2, m.mailbox());
                    ps.setString(3, m.caller());
                    ps.setTimestamp(4, Timestamp.from(m.receivedAt()));
                    ps.setLong(5, m.millis());
                    ps.setString(6, m.fileName());
                    ps.setString(7, m.folder().name());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        checkpoint();
    }

    void setFolder(String id, Message.Folder folder) {
        tx.inTransaction("move message " + id + " to " + folder, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE vm_message SET folder = ? WHERE id = ?")) {
                ps.setString(1, folder.name());
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return null;
        });
        checkpoint();
    }

    void delete(List<String> ids) {
        tx.inTransaction("delete " + ids.size() + " voice message(s)", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM vm_message WHERE id = ?")) {
                for (String id : ids) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        checkpoint();
    }

    void setPin(String extension, String pinHash, Instant now) {
        tx.inTransaction("set the voicemail PIN of " + extension, c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE vm_mailbox SET pin_hash = ?, changed_at = ? WHERE extension = ?")) {
                up.setString(1, pinHash);
                up.setTimestamp(2, Timestamp.from(now));
                up.setString(3, extension);
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement(
                            "INSERT INTO vm_mailbox (extension, pin_hash, changed_at) VALUES (?, ?, ?)")) {
                        in.setString(1, extension);
                        in.setString(2, pinHash);
                        in.setTimestamp(3, Timestamp.from(now));
                        in.executeUpdate();
                    }
                }
            }
            return null;
        });
        checkpoint();
    }

    /** H2 only: forces the committed log to the file; other databases make a commit durable themselves. */
    private void checkpoint() {
        if (!isH2()) {
            return;
        }
        tx.inTransaction("checkpoint the voicemail tables", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    private boolean isH2() {
        Boolean known = h2;
        if (known == null) {
            known = tx.inTransaction("read the database product", (Connection c) -> c.getMetaData().getDatabaseProductName()
                    .toLowerCase(Locale.ROOT).contains("h2"));
            h2 = known;
        }
        return known;
    }

}
