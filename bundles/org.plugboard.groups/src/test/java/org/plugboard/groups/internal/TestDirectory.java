package org.plugboard.groups.internal;

import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.directory.ImportResult;

/** A directory with the given extensions, in memory (test code only: the PBX provides the real one). */
final class TestDirectory implements Directory {
    private final Map<String, Extension> extensions = new TreeMap<>();

    TestDirectory(String... numbers) {
        for (String n : numbers) {
            extensions.put(n, new Extension(n, "Ext " + n, 1));
        }
    }

    @Override
    public String realm() {
        return "plugboard";
    }

    @Override
    public Optional<Extension> find(String number) {
        return Optional.ofNullable(extensions.get(number));
    }

    @Override
    public List<Extension> list() {
        return List.copyOf(extensions.values());
    }

    @Override
    public int count() {
        return extensions.size();
    }

    @Override
    public Extension add(String number, String displayName, String password) {
        Extension e = new Extension(number, displayName, 1);
        extensions.put(number, e);
        return e;
    }

    @Override
    public boolean remove(String number) {
        return extensions.remove(number) != null;
    }

    @Override
    public void setPassword(String number, String password) {
    }

    @Override
    public void setDisplayName(String number, String displayName) {
    }

    @Override
    public void setMaxDevices(String number, int maxDevices) {
    }

    @Override
    public Optional<String> ha1(String number, DigestAlgorithm algorithm) {
        return Optional.empty();
    }

    @Override
    public ImportResult importCsv(Reader csv) {
        throw new UnsupportedOperationException();
    }
}
