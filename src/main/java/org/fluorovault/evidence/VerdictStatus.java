package org.fluorovault.evidence;

/** SUPPORTED: every rule passed or does not apply; AT_RISK: warnings only; NOT_SUPPORTED: a required rule failed. */
public enum VerdictStatus {
    SUPPORTED,
    AT_RISK,
    NOT_SUPPORTED
}
