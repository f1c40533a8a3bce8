package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Delivery of an instance's slow log to CLS (Cloud Log Service): DescribeInstanceLogDelivery and
 * ModifyInstanceLogDelivery. State only: the instance keeps its delivery setting ({@value #INSTANCE_KEY} in its
 * extensions), and the fleet keeps the CLS logsets and topics that deliveries created or named ({@value #CLS_KEY}),
 * so that a second instance naming the same LogsetName/TopicName in a region gets the same ids, as one CLS logset
 * would. Disabling keeps the logset and topic ids (enabling again without ids needs names again, as the seed says).
 */
final class LogDeliveryActions extends TencentActionGroup {

    static final String INSTANCE_KEY = "logDelivery.slowlog";
    static final String CLS_KEY = "logDelivery.cls";

    /** An instance's slow-log delivery (LogDeliveryInfo). */
    record Delivery(boolean enabled, String logRegion, String logsetId, String topicId) {
        static Delivery none() {
            return new Delivery(false, "", "", "");
        }
    }

    record Topic(String id, String name, long period, boolean index) {
    }

    record Logset(String id, String name, String region, Map<String, Topic> topics) {
    }

    /** The CLS logsets known to the emulator, by id. */
    record Cls(Map<String, Logset> logsets) {
        static Cls empty() {
            return new Cls(new LinkedHashMap<>());
        }
    }

    LogDeliveryActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeInstanceLogDelivery", this::describeInstanceLogDelivery);
        actions.put("ModifyInstanceLogDelivery", this::modifyInstanceLogDelivery);
    }

    private ObjectNode describeInstanceLogDelivery(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        Delivery d = i.extensions().get(INSTANCE_KEY, Delivery.class, Delivery::none);
        ObjectNode out = object();
        ObjectNode slow = out.putObject("SlowLog");
        slow.put("Enabled", d.enabled());
        slow.put("LogRegion", d.logRegion());
        slow.put("LogsetId", d.logsetId());
        slow.put("TopicId", d.topicId());
        return out;
    }

    private ObjectNode modifyInstanceLogDelivery(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String logType = p.requireString("LogType");
        if (!"slowlog".equals(logType)) {
            throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: LogType `" + logType
                    + "` is not supported; only slowlog is.");
        }
        Boolean enabled = p.bool("Enabled");
        if (enabled == null) throw TencentException.missing("Enabled");
        if (i.status() == InstanceStatus.ISOLATED || i.status() == InstanceStatus.TO_BE_DELETED) {
            throw new TencentException("InvalidParameter.NotSupported", "参数错误，不支持操作: " + i.id() + " has status "
                    + i.status().code() + " (" + i.status().title() + "); log delivery needs a running instance.");
        }
        synchronized (LogDeliveryActions.class) {
            Delivery current = i.extensions().get(INSTANCE_KEY, Delivery.class, Delivery::none);
            if (!enabled) {
                i.extensions().put(INSTANCE_KEY, new Delivery(false, current.logRegion(), current.logsetId(), current.topicId()));
                fleet.changed();
                return object();
            }
            String region = blankToNull(p.string("LogRegion"));
            if (region == null) region = i.region();
            if (!catalog.knownRegion(region)) {
                throw invalid("LogRegion `" + region + "` is not a region; known: " + String.join(", ", catalog.regionIds()) + ".");
            }
            long period = p.integer("Period", 30);
            if (period < 1 || period > 3600) throw invalid("Period " + period + " must be between 1 and 3600 (days).");
            boolean index = Boolean.TRUE.equals(p.bool("CreateIndex"));
            String logsetId = blankToNull(p.string("LogsetId"));
            String logsetName = blankToNull(p.string("LogsetName"));
            String topicId = blankToNull(p.string("TopicId"));
            String topicName = blankToNull(p.string("TopicName"));
            if (logsetId == null && logsetName == null) throw invalid("LogsetName is required when LogsetId is empty.");
            if (topicId == null && topicName == null) throw invalid("TopicName is required when TopicId is empty.");
            if (topicId != null && logsetId == null) throw invalid("TopicId " + topicId + " needs the LogsetId of its logset.");

            Cls cls = fleet.extensions().get(CLS_KEY, Cls.class, Cls::empty);
            Map<String, Logset> logsets = new LinkedHashMap<>(cls.logsets());
            Logset logset;
            if (logsetId != null) {
                logset = logsets.get(logsetId);
                if (logset == null) {
                    logset = new Logset(logsetId, logsetName == null ? "" : logsetName, region, new LinkedHashMap<>());
                } else if (!logset.region().equals(region)) {
                    throw invalid("logset " + logsetId + " is in " + logset.region() + ", not in LogRegion " + region + ".");
                }
            } else {
                final String wanted = region;
                logset = logsets.values().stream()
                        .filter(l -> l.name().equals(logsetName) && l.region().equals(wanted)).findFirst()
                        .orElseGet(() -> new Logset(UUID.randomUUID().toString(), logsetName, wanted, new LinkedHashMap<>()));
            }
            Map<String, Topic> topics = new LinkedHashMap<>(logset.topics());
            Topic topic;
            if (topicId != null) {
                for (Logset other : logsets.values()) {
                    if (!other.id().equals(logset.id()) && other.topics().containsKey(topicId)) {
                        throw invalid("topic " + topicId + " belongs to logset " + other.id() + ", not to " + logset.id() + ".");
                    }
                }
                topic = topics.getOrDefault(topicId, new Topic(topicId, topicName == null ? "" : topicName, period, index));
            } else {
                topic = topics.values().stream().filter(t -> t.name().equals(topicName)).findFirst()
                        .orElseGet(() -> new Topic(UUID.randomUUID().toString(), topicName, period, index));
            }
            topics.put(topic.id(), topic);
            logsets.put(logset.id(), new Logset(logset.id(), logset.name(), logset.region(), topics));
            fleet.extensions().put(CLS_KEY, new Cls(logsets));
            i.extensions().put(INSTANCE_KEY, new Delivery(true, region, logset.id(), topic.id()));
            fleet.changed();
            return object();
        }
    }

    private static TencentException invalid(String message) {
        return new TencentException("InvalidParameter.InvalidParameter", "参数错误: " + message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
