package org.plugboard.voicemail.email.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class AddressBookTest {
    @Test
    void anAddressIsStoredAndSurvivesARestart() throws Exception {
        DataSource db = TestDb.fresh();
        AddressBook book = new AddressBook(db);
        assertNull(book.set("1001", " alice@example.com ").get());
        assertEquals("alice@example.com", book.set("1001", "alice@example.org").get());
        book.set("1002", "bob@example.com").get();
        book.deactivate();

        AddressBook again = new AddressBook(db);
        assertEquals(Map.of("1001", "alice@example.org", "1002", "bob@example.com"), again.all());
        assertEquals(Optional.of("bob@example.com"), again.address("1002"));
        assertEquals("bob@example.com", again.set("1002", null).get());
        assertEquals(Optional.empty(), again.address("1002"));
        assertEquals(Map.of("1001", "alice@example.org"), new AddressBook(db).all());
    }

    @Test
    void aBadAddressIsRefusedAndNothingChanges() throws Exception {
        AddressBook book = new AddressBook(TestDb.fresh());
        book.set("1001", "alice@example.com").get();
        ExecutionException e = assertThrows(ExecutionException.class, () -> book.set("1001", "alice at example").get());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(Optional.of("alice@example.com"), book.address("1001"));
    }

    @Test
    void aFailedWriteLeavesMemoryAsItWas() throws Exception {
        DataSource db = TestDb.fresh();
        AddressBook book = new AddressBook(db);
        book.set("1001", "alice@example.com").get();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE vm_email_address");
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> book.set("1001", "other@example.com").get());
        assertTrue(e.getCause().getMessage().contains("1001"), e.getCause().getMessage());
        assertEquals(Optional.of("alice@example.com"), book.address("1001"));
    }
}
