import java.util.List;

/**
 * The values of <code>Zones</code> that the model knows. The member stays a {@code String},
 * so a value the vendor adds later still reads.
 */
public static final class Zone {
    public static final String AP_GUANGZHOU_3 = "ap-guangzhou-3";
    public static final String CUR_DEADLINE = "curDeadline";
    public static final String REDIS_4_0 = "Redis-4.0";
    public static final String EMPTY = "";
    public static final String VALUE_2_8 = "2.8";
    public static final String A_B = "a_b";
    public static final String A_B_2 = "A-B";

    private Zone() {
    }

    /** Every value the model knows, in the model's order. */
    public static List<String> values() {
        return List.of(AP_GUANGZHOU_3, CUR_DEADLINE, REDIS_4_0, EMPTY, VALUE_2_8, A_B, A_B_2);
    }
}
