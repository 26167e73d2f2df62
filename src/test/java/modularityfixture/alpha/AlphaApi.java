package modularityfixture.alpha;

/** The module's API: others may use it. */
public class AlphaApi {
    public int answer() {
        return 42;
    }
}
