package org.plugboard.registrar.internal;

import java.time.Instant;

/**
 * What the location store's writer has done since activation, for {@code pbx:reg-store}.
 *
 * @param commits           batches committed
 * @param acknowledged      changes answered as stored (REGISTERs that got their 200 after a commit)
 * @param extensionsWritten extensions written, summed over the batches (a busy extension counts once per batch)
 * @param largestBatch      most changes one commit acknowledged
 * @param failedWrites      write attempts that failed (each retried until it works)
 * @param refused           changes answered 500 because their write failed
 * @param timedOut          changes not committed within the timeout (answered 500)
 * @param overflowed        changes answered 500 at once because too many waited
 * @param waiting           changes waiting for a commit now
 * @param dirty             extensions with changes not yet written now
 * @param lastFailure       the last write failure's message, or null
 * @param lastFailureAt     when, or null
 * @param lastCommitMicros  how long the last write took, commit and disk sync included
 */
public record StoreStats(long commits, long acknowledged, long extensionsWritten, int largestBatch, long failedWrites,
        long refused, long timedOut, long overflowed, int waiting, int dirty, String lastFailure, Instant lastFailureAt,
        long lastCommitMicros) {
}
