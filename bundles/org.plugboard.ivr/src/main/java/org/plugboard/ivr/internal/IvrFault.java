package org.plugboard.ivr.internal;

/** Why a file was refused: the file, the line and column (0 when not about a place in it) and the fault. */
final class IvrFault extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String fault;

    IvrFault(String file, int line, int column, String fault) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + fault);
        this.file = file;
        this.line = line;
        this.column = column;
        this.fault = fault;
    }

    String file() {
        return file;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    String fault() {
        return fault;
    }
}
