package io.cachesh.emulator.huawei;

import io.cachesh.emulator.fleet.Instance;
import java.util.List;

/**
 * What a Huawei instance keeps beside the vendor-neutral {@link Instance} (stored in its extensions under
 * {@link #KEY}, persisted with it).
 *
 * @param busyStatus      the Huawei status shown while the fleet status is PROCESSING (CREATING, RESTARTING,
 *                        FLUSHING, EXTENDING, RESTORING)
 * @param specCode        the flavor
 * @param cacheMode       single, ha, cluster
 * @param capacity        capacity in GB as the vendor writes it ({@code "0.125"}, {@code "2"})
 * @param description     the user's description
 * @param azCodes         availability zone codes
 * @param securityGroupId security group (not enforced)
 * @param maintainBegin   maintenance window start, {@code HH:mm:ss}
 * @param maintainEnd     maintenance window end
 * @param orderId         the order of a prepaid instance, else empty
 * @param chargingMode    0 pay-per-use, 1 prepaid
 * @param accessUser      the access user (empty for Redis)
 * @param cpuType         x86_64 or aarch64
 * @param apiVersion      the API that created it: v2 or v1
 * @param passwordFailures consecutive wrong old passwords given to UpdatePassword
 */
public record HuaweiState(String busyStatus, String specCode, String cacheMode, String capacity, String description,
                          List<String> azCodes, String securityGroupId, String maintainBegin, String maintainEnd,
                          String orderId, int chargingMode, String accessUser, String cpuType, String apiVersion,
                          int passwordFailures) {

    public static final String KEY = "huawei";

    public HuaweiState {
        azCodes = azCodes == null ? List.of() : List.copyOf(azCodes);
        description = description == null ? "" : description;
        securityGroupId = securityGroupId == null ? "" : securityGroupId;
        orderId = orderId == null ? "" : orderId;
        accessUser = accessUser == null ? "" : accessUser;
        busyStatus = busyStatus == null ? "CREATING" : busyStatus;
    }

    public static HuaweiState of(Instance i) {
        return i.extensions().get(KEY, HuaweiState.class, () -> new HuaweiState("CREATING", "", "ha", "1", "", List.of(),
                "", "18:00:00", "19:00:00", "", 0, "", "x86_64", "v2", 0));
    }

    public void save(Instance i) {
        i.extensions().put(KEY, this);
    }

    public HuaweiState busy(String status) {
        return new HuaweiState(status, specCode, cacheMode, capacity, description, azCodes, securityGroupId, maintainBegin,
                maintainEnd, orderId, chargingMode, accessUser, cpuType, apiVersion, passwordFailures);
    }

    public HuaweiState flavor(String specCode, String capacity) {
        return new HuaweiState(busyStatus, specCode, cacheMode, capacity, description, azCodes, securityGroupId,
                maintainBegin, maintainEnd, orderId, chargingMode, accessUser, cpuType, apiVersion, passwordFailures);
    }

    public HuaweiState describe(String description, String securityGroupId, String maintainBegin, String maintainEnd) {
        return new HuaweiState(busyStatus, specCode, cacheMode, capacity, description, azCodes, securityGroupId,
                maintainBegin, maintainEnd, orderId, chargingMode, accessUser, cpuType, apiVersion, passwordFailures);
    }

    public HuaweiState passwordFailures(int failures) {
        return new HuaweiState(busyStatus, specCode, cacheMode, capacity, description, azCodes, securityGroupId,
                maintainBegin, maintainEnd, orderId, chargingMode, accessUser, cpuType, apiVersion, failures);
    }
}
