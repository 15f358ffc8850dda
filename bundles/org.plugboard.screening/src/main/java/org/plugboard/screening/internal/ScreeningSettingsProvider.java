package org.plugboard.screening.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.settings.Screening;
import org.plugboard.api.settings.ScreeningEntry;
import org.plugboard.api.settings.ScreeningSettings;
import org.plugboard.api.settings.SettingsException;
import org.plugboard.settingsdb.Transactions;

/**
 * {@link ScreeningSettings} for REST and the web page: an extension's personal list and anonymous switch, read and
 * replaced whole. Every entry is checked by the console's rules before anything is written; a refusal names the field
 * ({@code entries[2].caller}) and changes nothing. The system list stays with the console ({@code pbx:screen-*}).
 */
@Component(service = ScreeningSettings.class)
public class ScreeningSettingsProvider implements ScreeningSettings {
    /** More entries than a person keeps by hand; the system list is the place for bulk lists. */
    static final int MAX_ENTRIES = 500;

    private final ScreeningLists lists;
    private final Predicate<String> isExtension;

    @Activate
    public ScreeningSettingsProvider(@Reference ScreeningLists lists, @Reference(name = "directory") Directory directory) {
        this(lists, n -> directory.find(n).isPresent());
    }

    ScreeningSettingsProvider(ScreeningLists lists, Predicate<String> isExtension) {
        this.lists = lists;
        this.isExtension = isExtension;
    }

    @Override
    public Screening get(String extension) {
        exists(extension);
        return view(extension);
    }

    @Override
    public Screening set(String extension, Screening screening) {
        exists(extension);
        List<ScreeningStore.NewEntry> checked = check(screening.entries());
        try {
            lists.replacePersonal(extension, checked, screening.refuseAnonymous());
        } catch (Transactions.StorageException e) {
            throw new IllegalStateException(e.getMessage() + "; the screening list was not changed", e);
        }
        return view(extension);
    }

    /** The entries as they would be stored, or a {@link SettingsException} for the first bad field. */
    static List<ScreeningStore.NewEntry> check(List<ScreeningEntry> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new SettingsException("entries", entries.size() + " entries are more than a personal list holds ("
                    + MAX_ENTRIES + ")", "keep at most " + MAX_ENTRIES + "; put bulk lists in the system list (pbx:screen-add system ...)");
        }
        List<ScreeningStore.NewEntry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ScreeningEntry e = entries.get(i);
            String at = "entries[" + i + "]";
            if (e == null) {
                throw new SettingsException(at, at + " is empty", "give {kind, caller, called, rate} or leave it out");
            }
            ListKind kind = field(at + ".kind", () -> ListKind.parse(e.kind()));
            String caller = field(at + ".caller", () -> EntryRules.caller(e.caller()));
            String called = field(at + ".called", () -> EntryRules.called(e.called() == null ? Entry.ANY : e.called()));
            int rate = field(at + ".rate", () -> EntryRules.rate(kind, String.valueOf(e.rate())));
            Integer earlier = seen.putIfAbsent(kind + " " + caller + " " + called, i);
            if (earlier != null) {
                throw new SettingsException(at, at + " repeats entries[" + earlier + "] (" + kind.label() + ", caller " + caller
                        + ", called " + called + ")", "remove one of them");
            }
            out.add(new ScreeningStore.NewEntry(kind, caller, called, rate));
        }
        return out;
    }

    private Screening view(String extension) {
        List<ScreeningEntry> entries = lists.entries(extension).stream()
                .map(e -> new ScreeningEntry(e.kind().label(), e.caller(), e.called(), e.rate())).toList();
        return new Screening(lists.anonymousRefused().contains(extension), entries);
    }

    private void exists(String extension) {
        if (extension == null || !extension.matches("[0-9]{1,32}") || !isExtension.test(extension)) {
            throw new SettingsException("extension", extension + " is not an extension", "list them with GET /api/extensions");
        }
    }

    /** The rules throw {@link IllegalArgumentException} with the console's text; here it names the field too. */
    private static <T> T field(String name, java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new SettingsException(name, name + ": " + e.getMessage(), "correct " + name + " and send the whole list again");
        }
    }
}
