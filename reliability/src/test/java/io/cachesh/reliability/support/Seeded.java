package io.cachesh.reliability.support;

import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Seeded random test cases for {@code @TestFactory} methods: case {@code i} of a property gets the fixed seed
 * {@code base + i * GOLDEN}, builds its input with a fresh {@link Gen} over it and runs the check. Every failure names
 * its seed; {@code -Dreliability.seed=<seed>} runs just that case again (in every property; the others then
 * produce other inputs from it, harmless), {@code -Dreliability.cases=<factor>} scales the counts.
 */
public final class Seeded {

    /** Spreads consecutive case numbers over the seed space. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeded() {
    }

    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Throwable;
    }

    /**
     * {@code count} cases of one property.
     *
     * @param name     the property, for messages
     * @param base     the property's fixed base seed
     * @param generate builds one input from a generator (runs inside the case, after {@code @BeforeAll})
     * @param check    the assertions on one input
     */
    public static <T> Stream<DynamicTest> cases(String name, long base, int count, Function<Gen, T> generate, Check<T> check) {
        String replay = System.getProperty("reliability.seed");
        double factor = Double.parseDouble(System.getProperty("reliability.cases", "1"));
        LongStream seeds = replay != null && !replay.isBlank() ? LongStream.of(Long.decode(replay.trim()))
                : LongStream.range(0, Math.max(1, Math.round(count * factor))).map(i -> base + i * GOLDEN);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest(name + " seed=" + seed, () -> run(name, seed, generate, check)));
    }

    static <T> void run(String name, long seed, Function<Gen, T> generate, Check<T> check) throws Throwable {
        T input;
        try {
            input = generate.apply(new Gen(seed));
        } catch (Throwable t) {
            throw new AssertionError(name + ": generating the input failed for seed " + seed + replay(seed), t);
        }
        try {
            check.accept(input);
        } catch (Throwable t) {
            AssertionError e = new AssertionError(name + " failed for seed " + seed + replay(seed) + "\n" + t.getMessage(), t);
            e.setStackTrace(t.getStackTrace());
            throw e;
        }
    }

    private static String replay(long seed) {
        return " (replay: -Dreliability.seed=" + seed + ")";
    }
}
