package org.fluorovault.evidence;

import org.fluorovault.common.UnprocessableException;

/** The procedure's CPT code has no rule set (FluoroVault judges 62323). */
public class NoRuleSetException extends UnprocessableException {
    public NoRuleSetException(String cpt, RuleSet ruleSet) {
        super("No evidence rule set for CPT " + cpt + "; rule set " + ruleSet.version() + " judges "
                + ruleSet.appliesTo());
    }
}
