package io.cachesh.emulator.tencent;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The emulator's price list (EMULATED, not Tencent's tariff), deterministic so that tests and scripts can rely on it.
 * Amounts are in {@code pent} (分, 1/100 CNY), currency CNY:
 * <ul>
 *   <li>a month of a 1 GB shard with one replica costs {@value #PENT_PER_GB_MONTH} pent, the rate that reproduces the
 *       seed's example (TypeId 6, 4096 MB, 1 month prepaid: 30400);</li>
 *   <li>the monthly price scales linearly with memory per shard, shards, and nodes per shard:
 *       {@code 7600 x GB x shards x (1 + replicas) / 2} (one replica = factor 1, none = 0.5);</li>
 *   <li>prepaid: {@code monthly x months}, no term discount; postpaid (billed hourly): {@code monthly x 1.5 / 720}
 *       per hour;</li>
 *   <li>type and deployment ({@code ProductVersion}) do not change the price.</li>
 * </ul>
 * {@code HighPrecisionPrice} has 6 decimals, {@code Price} is it rounded half-up to whole pent.
 */
final class PriceTable {

    static final long PENT_PER_GB_MONTH = 7600;
    static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(720);
    static final BigDecimal POSTPAID_MARKUP = new BigDecimal("1.5");

    private PriceTable() {
    }

    /** Prepaid price of one month of the spec. */
    static BigDecimal monthly(long memSizeMb, int shards, int replicas) {
        return BigDecimal.valueOf(PENT_PER_GB_MONTH)
                .multiply(BigDecimal.valueOf(memSizeMb)).divide(BigDecimal.valueOf(1024), 10, RoundingMode.HALF_UP)
                .multiply(BigDecimal.valueOf(shards))
                .multiply(BigDecimal.valueOf(1L + replicas)).divide(BigDecimal.valueOf(2), 10, RoundingMode.HALF_UP);
    }

    /** Postpaid price of one hour of the spec. */
    static BigDecimal hourly(long memSizeMb, int shards, int replicas) {
        return monthly(memSizeMb, shards, replicas).multiply(POSTPAID_MARKUP).divide(HOURS_PER_MONTH, 10, RoundingMode.HALF_UP);
    }

    static BigDecimal precise(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_UP);
    }

    static long rounded(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
