package org.plugboard.api.settings;

/**
 * An extension's do-not-disturb, call waiting and concurrent call limits ({@code maxIn}/{@code maxOut}: 0 =
 * unlimited).
 */
public record Dnd(boolean dnd, boolean callWaiting, int maxIn, int maxOut) {
}
