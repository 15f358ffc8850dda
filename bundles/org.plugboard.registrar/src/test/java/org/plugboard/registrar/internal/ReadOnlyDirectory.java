package org.plugboard.registrar.internal;

import java.io.Reader;

import org.plugboard.api.directory.Directory;
import org.plugboard.api.directory.Extension;
import org.plugboard.api.directory.ImportResult;

/** A test directory the registrar only reads: every write fails, so a test notices if one happens. */
abstract class ReadOnlyDirectory implements Directory {
    @Override
    public Extension add(String number, String displayName, String password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(String number) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setPassword(String number, String password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setDisplayName(String number, String displayName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setMaxDevices(String number, int maxDevices) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ImportResult importCsv(Reader csv) {
        throw new UnsupportedOperationException();
    }
}
