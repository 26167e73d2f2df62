package org.fluorovault.evidence;

/** The procedure's CPT code has no rule set (FluoroVault judges 62323). */
public class NoRuleSetException extends RuntimeException {
    public NoRuleSetException(String cpt, RuleSet ruleSet) {
        super("No evidence rule set for CPT " + cpt + "; rule set " + ruleSet.version() + " judges " + ruleSet.appliesTo());
    }
}
