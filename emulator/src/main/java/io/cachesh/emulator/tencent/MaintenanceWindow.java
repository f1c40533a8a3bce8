package io.cachesh.emulator.tencent;

import io.cachesh.emulator.fleet.Instance;
import java.time.LocalTime;
import java.util.regex.Pattern;

/**
 * An instance's maintenance window ({@code HH:mm} Beijing time), set by ModifyMaintenanceWindow and kept in
 * {@code instance.extensions()} under {@link #KEY}; the seed's default is 03:00-06:00. Version and architecture
 * upgrades with "switch in the maintenance window" switch inside it.
 */
record MaintenanceWindow(String startTime, String endTime) {

    static final String KEY = "maintenanceWindow";
    static final MaintenanceWindow DEFAULT = new MaintenanceWindow("03:00", "06:00");
    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    /** The instance's window, or the default 03:00-06:00. */
    static MaintenanceWindow of(Instance i) {
        return i.extensions().get(KEY, MaintenanceWindow.class, () -> DEFAULT);
    }

    static boolean validTime(String hhmm) {
        return hhmm != null && HH_MM.matcher(hhmm).matches();
    }

    static int minuteOfDay(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    /** Minutes from start to end, across midnight when end is earlier (23:00-01:00 is 120). */
    static int span(String start, String end) {
        return Math.floorMod(minuteOfDay(end) - minuteOfDay(start), 24 * 60);
    }

    boolean contains(LocalTime now) {
        int m = now.getHour() * 60 + now.getMinute();
        int from = minuteOfDay(startTime);
        return Math.floorMod(m - from, 24 * 60) < span(startTime, endTime);
    }
}
