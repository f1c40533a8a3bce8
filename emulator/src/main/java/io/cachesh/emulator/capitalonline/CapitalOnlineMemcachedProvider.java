package io.cachesh.emulator.capitalonline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.MemcachedProcess;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.tencent.Params;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * CapitalOnline (首都在线) Memcached: the six actions of the seed over Memcached instances of the fleet (engine
 * {@code memcached}, UUID ids, region = the site id such as {@code CN_Beijing_H}), each backed by a real
 * {@code memcached} whose {@code -m} is the ConfSize.
 *
 * <p>There is no task API: the TaskIds are the fleet's tasks, and the instance's {@code Status} shows the progress:
 * {@code creating} then {@code running} after the task delay (memcached started); Clear and Update set
 * {@code updating} until their task ran ({@code flush_all}; {@code cache_memlimit <MB>}, which resizes the running
 * server and keeps its items); Delete sets {@code deleting}, then the instance is gone and its port closed.
 * Clear, Update and Delete need a {@code running} instance.
 */
public final class CapitalOnlineMemcachedProvider {

    public static final String RUNNING = "running";
    private static final String STATE = "capitalonline";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.ofHours(8));
    private static final Pattern SITE = Pattern.compile("[A-Z]{2}_[A-Za-z]+_[A-Z0-9]+");
    private static final Pattern CONF = Pattern.compile("([1-9]|10)G");
    /** Site ids the seed and CapitalOnline's site list name; any id shaped like them is accepted too. */
    private static final Map<String, String> SITES = Map.of(
            "CN_Beijing_A", "中国大陆-北京-可用区A", "CN_Beijing_B", "中国大陆-北京-可用区B",
            "CN_Beijing_E", "中国大陆-北京-可用区E", "CN_Beijing_H", "中国大陆-北京-可用区H",
            "CN_Shanghai_C", "中国大陆-上海-可用区C", "CN_Guangzhou_A", "中国大陆-广州-可用区A",
            "CN_Hongkong_B", "亚太地区-中国香港-可用区B", "US_LosAngeles_A", "欧美地区-美国洛杉矶-可用区A");

    /** The vendor-side state of an instance, persisted with it. */
    public record State(String vdcId, String pipeId, String status, String updateTime) {
        State with(String nextStatus, String time) {
            return new State(vdcId, pipeId, nextStatus, time);
        }
    }

    private final Fleet fleet;

    public CapitalOnlineMemcachedProvider(Fleet fleet) {
        this.fleet = fleet;
    }

    public ObjectNode handle(String action, Params p) {
        return switch (action) {
            case "CreateMemcachedInstance" -> create(p);
            case "MemcachedInstanceList" -> list(p);
            case "DescribeMemcachedInstance" -> describe(p);
            case "DeleteMemcachedInstance" -> delete(p);
            case "ClearMemcachedInstance" -> clear(p);
            case "UpdateMemcachedInstance" -> update(p);
            default -> throw new CapitalOnlineException("InvalidAction", 400, "action `" + action + "` is not served.");
        };
    }

    /** The message of each action's success envelope (the seed's, verbatim; Update's is copied from Clear there). */
    public static String successMessage(String action) {
        return switch (action) {
            case "CreateMemcachedInstance" -> "任务下发成功!";
            case "MemcachedInstanceList" -> "获取memcached列表成功!";
            case "DescribeMemcachedInstance" -> "获取Memcached详情成功!";
            case "DeleteMemcachedInstance" -> "删除实例任务下发成功!";
            default -> "清空memcached的数据信息成功";
        };
    }

    /** The CapitalOnline Memcached instances, oldest first. */
    public List<Instance> instances() {
        return fleet.instances().stream().filter(i -> Fleet.MEMCACHED.equals(i.engine()) && i.extensions().contains(STATE)).toList();
    }

    public static State state(Instance i) {
        return i.extensions().get(STATE, State.class, () -> new State("", "", RUNNING, ""));
    }

    private void status(Instance i, String status) {
        i.extensions().update(STATE, State.class, () -> new State("", "", status, ""),
                s -> s.with(status, TIME.format(fleet.clock().instant())));
        fleet.changed();
    }

    private static long megabytes(String confSize) {
        if (confSize == null || !CONF.matcher(confSize.trim()).matches()) {
            throw CapitalOnlineException.invalid("参数错误: ConfSize `" + confSize + "` must be one of 1G-10G.");
        }
        return Long.parseLong(confSize.trim().replace("G", "")) * 1024;
    }

    private ObjectNode create(Params p) {
        for (String required : List.of("ConfSize", "VdcId", "PipeId", "RegionId")) {
            String v = p.string(required);
            if (v == null || v.isBlank()) throw CapitalOnlineException.invalid("参数缺失,conf_size,site_id ,app_id, pipe_id为必传参数 (" + required + " is missing)");
        }
        long mb = megabytes(p.string("ConfSize"));
        long amount = p.integer("Amount", 1);
        if (amount < 1 || amount > 10) throw CapitalOnlineException.invalid("参数错误: Amount " + amount + " must be 1-10.");
        String site = p.string("RegionId").trim();
        if (!SITES.containsKey(site) && !SITE.matcher(site).matches()) {
            throw CapitalOnlineException.invalid("参数错误: RegionId `" + site + "` is not a site id like CN_Beijing_H.");
        }
        String name = p.string("InstanceName", "");
        State state = new State(p.string("VdcId").trim(), p.string("PipeId").trim(), "creating", TIME.format(fleet.clock().instant()));
        ObjectNode out = Json.object();
        ObjectNode data = out.putObject("Data");
        ArrayNode ids = data.putArray("InstanceIds");
        ArrayNode tasks = data.putArray("TaskIds");
        for (int n = 0; n < amount; n++) {
            String id = UUID.randomUUID().toString();
            Instance i = Instance.builder().id(id).engine(Fleet.MEMCACHED).region(site).version("1.6")
                    .name(name.isEmpty() ? "memcached-" + id.substring(0, 8) : name).memSizeMb(mb)
                    .status(InstanceStatus.PROCESSING).vport(11211).createTime(fleet.clock().instant()).build();
            i.extensions().put(STATE, state);
            fleet.add(i);
            Task t = fleet.submit(id, "create", "创建memcached实例", () -> {
                String message = "";
                try {
                    fleet.startDataPlane(i);
                    if (!fleet.memcachedPlane().available()) message = "no memcached: control plane only";
                } catch (IOException e) {
                    status(i, "error");
                    throw e;
                }
                i.transition(InstanceStatus.RUNNING);
                status(i, RUNNING);
                return message;
            });
            ids.add(id);
            tasks.add(t.id());
        }
        return out;
    }

    private Instance instance(Params p) {
        String id = p.string("InstanceId", "").trim();
        if (id.isEmpty()) throw CapitalOnlineException.invalid("参数缺失,instance_id为必传参数 (InstanceId is missing)");
        return fleet.instance(id).filter(i -> Fleet.MEMCACHED.equals(i.engine()) && i.extensions().contains(STATE))
                .orElseThrow(() -> new CapitalOnlineException("InstanceNotFound", 200, "实例不存在: memcached instance `" + id + "` does not exist."));
    }

    private Instance running(Params p) {
        Instance i = instance(p);
        String status = state(i).status();
        if (!RUNNING.equals(status)) {
            throw CapitalOnlineException.invalid("参数错误: instance " + i.id() + " is " + status + "; wait until it is running.");
        }
        return i;
    }

    private ObjectNode list(Params p) {
        String vdc = p.string("VdcId", "");
        String keyword = p.string("Keyword", "").trim();
        List<Instance> matches = new ArrayList<>();
        for (Instance i : instances()) {
            State s = state(i);
            if (!vdc.isBlank() && !s.vdcId().equals(vdc.trim())) continue;
            if (!keyword.isEmpty() && !i.id().contains(keyword) && !i.name().contains(keyword)
                    && !MemcachedProcess.HOST.contains(keyword)) continue;
            matches.add(i);
        }
        ObjectNode out = Json.object();
        ObjectNode data = out.putObject("Data");
        int creating = 0;
        int deleting = 0;
        int error = 0;
        int running = 0;
        int updating = 0;
        ArrayNode list = data.putArray("InstanceList");
        for (Instance i : matches) {
            State s = state(i);
            switch (s.status()) {
                case "creating" -> creating++;
                case "deleting" -> deleting++;
                case "error" -> error++;
                case "updating" -> updating++;
                default -> running++;
            }
            ObjectNode n = common(i, s);
            n.put("UpdateTime", s.updateTime());
            n.put("ConfName", "Memcached单机版");
            list.add(n);
        }
        data.put("CreatingTotal", creating);
        data.put("DeletingTotal", deleting);
        data.put("ErrorTotal", error);
        data.put("RunningTotal", running);
        data.put("Total", matches.size());
        data.put("UpdatingTotal", updating);
        return out;
    }

    private ObjectNode common(Instance i, State s) {
        ObjectNode n = Json.object();
        n.put("Address", MemcachedProcess.HOST);
        n.put("AppName", "vdc-" + (s.vdcId().length() > 8 ? s.vdcId().substring(0, 8) : s.vdcId()));
        n.put("BillMethod", "0");
        n.put("CreateTime", TIME.format(i.createTime()));
        n.put("InstanceConf", (i.capacityMb() / 1024) + "G");
        n.put("InstanceId", i.id());
        n.put("InstanceName", i.name());
        // the seed's examples send the port as a string ("11211")
        n.put("Port", Integer.toString(i.dataPort()));
        n.put("SiteName", SITES.getOrDefault(i.region(), i.region()));
        n.put("Status", s.status());
        n.put("Version", "Memcached1.6");
        return n;
    }

    private ObjectNode describe(Params p) {
        Instance i = instance(p);
        State s = state(i);
        ObjectNode n = common(i, s);
        n.put("Coon", 10000);
        n.put("GoodsId", "17129");
        n.put("SiteId", i.region());
        n.put("RunningTime", runningTime(Duration.between(i.createTime(), fleet.clock().instant())));
        n.put("update_time", s.updateTime());
        n.put("conf_name", "Memcached单机版");
        ObjectNode out = Json.object();
        out.set("Data", n);
        return out;
    }

    /** {@code 0个月1天1小时1分47秒} (a month is 30 days). */
    static String runningTime(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long months = s / (30L * 86400);
        s -= months * 30L * 86400;
        long days = s / 86400;
        s -= days * 86400;
        long hours = s / 3600;
        s -= hours * 3600;
        return months + "个月" + days + "天" + hours + "小时" + (s / 60) + "分" + (s % 60) + "秒";
    }

    private ObjectNode taskAnswer(Task t) {
        ObjectNode out = Json.object();
        out.putObject("Data").put("TaskId", t.id());
        return out;
    }

    private ObjectNode delete(Params p) {
        Instance i = instance(p);
        String status = state(i).status();
        if (!RUNNING.equals(status) && !"error".equals(status)) {
            throw CapitalOnlineException.invalid("参数错误: instance " + i.id() + " is " + status + "; it cannot be deleted now.");
        }
        status(i, "deleting");
        return taskAnswer(fleet.submit(i.id(), "delete", "删除memcached实例", () -> {
            fleet.remove(i.id());
            return "";
        }));
    }

    private ObjectNode clear(Params p) {
        Instance i = running(p);
        status(i, "updating");
        return taskAnswer(fleet.submit(i.id(), "clear", "清空memcached数据", () -> {
            try {
                MemcachedProcess process = fleet.memcached(i);
                if (process != null) process.flushAll();
            } finally {
                status(i, RUNNING);
            }
            return "";
        }));
    }

    private ObjectNode update(Params p) {
        Instance i = running(p);
        long mb = megabytes(p.string("ConfSize"));
        if (mb == i.capacityMb()) {
            throw CapitalOnlineException.invalid("参数错误: instance " + i.id() + " already has ConfSize " + (mb / 1024) + "G.");
        }
        status(i, "updating");
        return taskAnswer(fleet.submit(i.id(), "update", "变更memcached配置", () -> {
            try {
                MemcachedProcess process = fleet.memcached(i);
                if (process != null) process.setMemoryLimitMb(mb);
                i.resize(mb, 1, i.replicas());
            } finally {
                status(i, RUNNING);
            }
            return "";
        }));
    }
}
