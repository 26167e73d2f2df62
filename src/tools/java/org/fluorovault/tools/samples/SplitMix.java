package org.fluorovault.tools.samples;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output is fixed by its seed on
 * every JVM, which {@link java.util.SplittableRandom} does not promise. Also the lattice hash
 * behind {@link #valueNoise}.
 */
final class SplitMix {
    private long state;

    SplitMix(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        return mix(z);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double range(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Approximately normal, mean 0, sd 1, within +-3.46: the sum of four 16-bit uniforms (Irwin-Hall). */
    double nextGaussian() {
        long r = nextLong();
        int sum = (int) (r & 0xFFFF) + (int) ((r >>> 16) & 0xFFFF) + (int) ((r >>> 32) & 0xFFFF) + (int) (r >>> 48);
        return (sum * (1.0 / 65536.0) - 2.0) * 1.7320508075688772; // sd of the sum is sqrt(4/12)
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Smooth value noise in [0, 1]: random values on the integer lattice, smoothstep-interpolated. */
    static double valueNoise(long seed, double x, double y) {
        int ix = (int) Math.floor(x), iy = (int) Math.floor(y);
        double fx = x - ix, fy = y - iy;
        double sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
        double a = lattice(seed, ix, iy), b = lattice(seed, ix + 1, iy);
        double c = lattice(seed, ix, iy + 1), d = lattice(seed, ix + 1, iy + 1);
        double top = a + (b - a) * sx, bottom = c + (d - c) * sx;
        return top + (bottom - top) * sy;
    }

    private static double lattice(long seed, int x, int y) {
        long h = mix(seed ^ (x * 0x632BE59BD9B4E019L) ^ (y * 0x8CB92BA72F3D8DD7L));
        return (h >>> 11) * 0x1.0p-53;
    }
}
