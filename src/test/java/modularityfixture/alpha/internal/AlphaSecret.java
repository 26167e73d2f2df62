package modularityfixture.alpha.internal;

/** Public for Java, internal for the module map: only {@code alpha} may use it. */
public class AlphaSecret {
    public int secret() {
        return 7;
    }
}
