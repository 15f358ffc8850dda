package org.plugboard.api.ivr;

/**
 * A file refused by {@link IvrFiles#write}: the fault, and its line and column in the content (both 0 when the
 * fault is about the whole file, such as its size or a number another IVR answers).
 */
public class IvrFileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String fault;

    public IvrFileException(int line, int column, String fault) {
        super((line > 0 ? line + ":" + column + ": " : "") + fault);
        this.line = line;
        this.column = column;
        this.fault = fault;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String fault() {
        return fault;
    }
}
