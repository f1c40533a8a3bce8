package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backup policy state kept beside the core domain: the automatic backup schedule and the backup mode per instance
 * ({@link Instance#extensions()}), the backup download restriction per region (fleet-wide, {@link Fleet#extensions()}).
 * Readers elsewhere (DescribeAutoBackupConfig, DescribeInstances' BackupMode) can use {@link AutoBackupConfig#of} and
 * {@link BackupMode#of}.
 */
final class BackupPolicy {

    static final List<String> WEEK = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

    private BackupPolicy() {
    }

    /**
     * The automatic backup schedule of an instance (instance extension {@link #KEY}).
     *
     * @param autoBackupType    always 1 (指定时备份)
     * @param weekDays          backup days, in week order
     * @param timePeriod        {@code HH:00-HH:00}, one hour
     * @param backupStorageDays full-backup retention in days
     */
    record AutoBackupConfig(int autoBackupType, List<String> weekDays, String timePeriod, int backupStorageDays) {

        static final String KEY = "tencent.autoBackupConfig";
        /** What an instance has until ModifyAutoBackupConfig: daily, 00:00-01:00, 7 days. */
        static final AutoBackupConfig DEFAULT = new AutoBackupConfig(1, WEEK, "00:00-01:00", 7);

        AutoBackupConfig {
            weekDays = weekDays == null ? WEEK : List.copyOf(weekDays);
        }

        static AutoBackupConfig of(Instance i) {
            return i.extensions().get(KEY, AutoBackupConfig.class, () -> DEFAULT);
        }

        void store(Instance i) {
            i.extensions().put(KEY, this);
        }

        /** DescribeAutoBackupConfig's answer. */
        ObjectNode describe() {
            ObjectNode out = Json.object();
            out.put("AutoBackupType", autoBackupType);
            ArrayNode days = out.putArray("WeekDays");
            weekDays.forEach(days::add);
            out.put("TimePeriod", timePeriod);
            out.put("BackupStorageDays", backupStorageDays);
            out.put("BinlogStorageDays", 7);
            return out;
        }
    }

    /** A time range in epoch seconds; {@code end} 0 while it lasts. */
    record Span(long start, long end) {
    }

    /**
     * The backup mode of an instance (instance extension {@link #KEY}) and when second-level backup was on.
     *
     * @param mode        {@code NormalLevelBackup} or {@code SecondLevelBackup}
     * @param secondLevel the spans with second-level backup on, oldest first; the last is open while it is on
     */
    record BackupMode(String mode, List<Span> secondLevel) {

        static final String KEY = "tencent.backupMode";
        static final String NORMAL = "NormalLevelBackup";
        static final String SECOND_LEVEL = "SecondLevelBackup";

        BackupMode {
            secondLevel = secondLevel == null ? List.of() : List.copyOf(secondLevel);
        }

        static BackupMode of(Instance i) {
            return i.extensions().get(KEY, BackupMode.class, () -> new BackupMode(NORMAL, List.of()));
        }

        /** DescribeInstances' {@code InstanceSet.BackupMode}. */
        static String modeOf(Instance i) {
            return of(i).mode();
        }

        /** The mode switched to {@code next} at {@code now} (epoch seconds). */
        BackupMode switchTo(String next, long now) {
            if (next.equals(mode)) return this;
            List<Span> spans = new ArrayList<>(secondLevel);
            if (SECOND_LEVEL.equals(next)) {
                spans.add(new Span(now, 0));
            } else if (!spans.isEmpty() && spans.get(spans.size() - 1).end() == 0) {
                Span open = spans.remove(spans.size() - 1);
                spans.add(new Span(open.start(), now));
            }
            return new BackupMode(next, spans);
        }

        /** The gaps without second-level backup in [from, to]. */
        List<Span> missing(long from, long to) {
            List<Span> gaps = new ArrayList<>();
            long cursor = from;
            for (Span s : secondLevel) {
                long end = s.end() == 0 ? to : Math.min(s.end(), to);
                if (end < cursor) continue;
                if (s.start() > cursor) gaps.add(new Span(cursor, Math.min(s.start(), to)));
                cursor = Math.max(cursor, end);
                if (cursor >= to) break;
            }
            if (cursor < to) gaps.add(new Span(cursor, to));
            gaps.removeIf(g -> g.end() <= g.start());
            return gaps;
        }
    }

    /** One BackupLimitVpcItem. */
    record VpcItem(String region, List<String> vpcList) {
        VpcItem {
            vpcList = vpcList == null ? List.of() : List.copyOf(vpcList);
        }
    }

    /** The backup download restriction of a region (DescribeBackupDownloadRestriction's members). */
    record DownloadRestriction(String limitType, String vpcComparisonSymbol, String ipComparisonSymbol,
                               List<VpcItem> limitVpc, List<String> limitIp) {

        static final DownloadRestriction DEFAULT = new DownloadRestriction("NoLimit", "In", "In", List.of(), List.of());

        DownloadRestriction {
            limitVpc = limitVpc == null ? List.of() : List.copyOf(limitVpc);
            limitIp = limitIp == null ? List.of() : List.copyOf(limitIp);
        }

        void writeTo(ObjectNode out) {
            out.put("LimitType", limitType);
            out.put("VpcComparisonSymbol", vpcComparisonSymbol);
            out.put("IpComparisonSymbol", ipComparisonSymbol);
            ArrayNode vpcs = out.putArray("LimitVpc");
            for (VpcItem item : limitVpc) {
                ObjectNode n = vpcs.addObject();
                n.put("Region", item.region());
                ArrayNode list = n.putArray("VpcList");
                item.vpcList().forEach(list::add);
            }
            ArrayNode ips = out.putArray("LimitIp");
            limitIp.forEach(ips::add);
        }
    }

    /** Download restrictions per region (fleet extension {@link #KEY}). */
    record DownloadRestrictions(Map<String, DownloadRestriction> byRegion) {

        static final String KEY = "tencent.backupDownloadRestriction";

        DownloadRestrictions {
            byRegion = byRegion == null ? Map.of() : Map.copyOf(byRegion);
        }

        static DownloadRestrictions of(Fleet fleet) {
            return fleet.extensions().get(KEY, DownloadRestrictions.class, () -> new DownloadRestrictions(Map.of()));
        }

        DownloadRestriction region(String region) {
            return byRegion.getOrDefault(region, DownloadRestriction.DEFAULT);
        }

        DownloadRestrictions with(String region, DownloadRestriction restriction) {
            Map<String, DownloadRestriction> next = new LinkedHashMap<>(byRegion);
            next.put(region, restriction);
            return new DownloadRestrictions(next);
        }
    }
}
