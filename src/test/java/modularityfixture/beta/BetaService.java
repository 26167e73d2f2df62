package modularityfixture.beta;

import modularityfixture.alpha.internal.AlphaSecret;

/** The deliberately wrong import: reaches into another module's internals. */
public class BetaService {
    public int use() {
        return new AlphaSecret().secret();
    }
}
