package org.plugboard.screening.internal;

/** The answer a screened caller gets: {@code status phrase} with {@code Reason: Q.850;cause=cause;text=...}. */
record Refusal(int status, String phrase, int cause) {
    static final Refusal DEFAULT = new Refusal(603, "Decline", 21);

    Refusal {
        if (status < 400 || status > 699) {
            throw new IllegalArgumentException("status: " + status + " is not a final error status; use 400 to 699, e.g. "
                    + "status = 603 (Decline) or 403 (Forbidden)");
        }
        if (phrase == null || phrase.isBlank()) {
            throw new IllegalArgumentException("phrase is empty: give the reason phrase of the status, e.g. phrase = Decline");
        }
        if (cause < 1 || cause > 127) {
            throw new IllegalArgumentException("q850.cause: " + cause + " is not a Q.850 cause; use 1 to 127, e.g. "
                    + "q850.cause = 21 (call rejected)");
        }
        phrase = phrase.trim();
    }

    @Override
    public String toString() {
        return status + " " + phrase + ", Q.850 cause " + cause;
    }
}
