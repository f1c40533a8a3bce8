package io.cachesh.reliability.support;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A small seeded generator over {@link SplittableRandom}: one per test case, built from the case's seed (see
 * {@link Seeded}), so that the same seed always produces the same input.
 */
public final class Gen {

    private final long seed;
    private final SplittableRandom random;

    public Gen(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** The underlying generator, for helpers that take a {@link RandomGenerator}. */
    public RandomGenerator random() {
        return random;
    }

    /** {@code lo..hi}, both included. */
    public int between(int lo, int hi) {
        return random.nextInt(lo, hi + 1);
    }

    /** {@code lo..hi}, both included. */
    public long between(long lo, long hi) {
        return hi == Long.MAX_VALUE ? lo + (random.nextLong() & Long.MAX_VALUE) % (hi - lo) : random.nextLong(lo, hi + 1);
    }

    public long anyLong() {
        return random.nextLong();
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    public <T> T of(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T of(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** One of the generators, picked uniformly, then run. */
    @SafeVarargs
    public final <T> T oneOf(Supplier<T>... generators) {
        return generators[random.nextInt(generators.length)].get();
    }

    /** A value from {@code generator} that satisfies {@code filter} (regenerated until it does). */
    public <T> T filtered(Supplier<T> generator, Predicate<T> filter) {
        for (int i = 0; i < 10_000; i++) {
            T v = generator.get();
            if (filter.test(v)) return v;
        }
        throw new IllegalStateException("the filter rejected 10,000 values in a row (seed " + seed + ")");
    }

    /** 0..maxSize values of {@code element}. */
    public <T> List<T> listOf(int maxSize, Supplier<T> element) {
        int n = random.nextInt(maxSize + 1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(element.get());
        return out;
    }

    /** Any UTF-16 code units (unpaired surrogates and controls included), length 0..maxLength. */
    public String anyChars(int maxLength) {
        return chars('\u0000', '\uffff', 0, maxLength);
    }

    /** Characters in {@code lo..hi}, length {@code minLength..maxLength}. */
    public String chars(char lo, char hi, int minLength, int maxLength) {
        int n = between(minLength, maxLength);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) random.nextInt(lo, hi + 1));
        return sb.toString();
    }

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** Letters and digits, length 0..maxLength. */
    public String alnum(int maxLength) {
        int n = between(0, maxLength);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        return sb.toString();
    }
}
