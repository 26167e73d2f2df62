package org.fluorovault.evidence;

/** The outcome of one rule. */
public enum RuleStatus {
    PASS,
    FAIL,
    WARN,
    NOT_APPLICABLE
}
