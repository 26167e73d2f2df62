package modularityfixture;

/**
 * A two-module application with one deliberately wrong import ({@code beta} uses {@code alpha}'s internals), so that
 * {@code ModularityTests} can show the module check fails on it. Outside {@code org.fluorovault}: never component-scanned.
 */
@org.springframework.modulith.Modulithic
public class FixtureApp {}
