package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.InstanceReplicationListInfo;
import io.cachesh.client.huawei.dcs.model.ListDeletableReplicationResponse;
import io.cachesh.client.huawei.dcs.model.ListGroupReplicationInfoResponse;
import io.cachesh.client.huawei.dcs.model.NodesInfoResp;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcs.model.ShowNodesInformationResponse;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.model.Models;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Shards, replicas, nodes and switchovers (v2 5.1.8, 5.2.5, 5.2.15, 5.2.16, 5.2.21, 5.3.x) through the generated
 * client and raw HTTP, checked against the real redis-server.
 */
class HuaweiShardReplicaTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ModelValidator V2 = new ModelValidator(Models.load("huawei-dcs-v2"), true);

    static Emulator emulator;
    static HuaweiDcsClient dcs;
    static HuaweiDcsWaiters waiters;
    static HuaweiTestClient raw;
    static String v2;
    static String ha;
    static String cluster;
    static String single;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(200)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        dcs = HuaweiDcsClient.create(ClientConfig.builder().credentials(emulator.credentials()).region("cn-north-4")
                .projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build());
        waiters = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofMillis(50));
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
        ha = create("nodes-ha", "redis.ha.xu1.tiny.r2.128", 0.125);
        cluster = create("nodes-cluster", "redis.cluster.xu1.large.r2.4", 4);
        single = create("nodes-single", "redis.single.xu1.tiny.128", 0.125);
        for (String id : List.of(ha, cluster, single)) waiters.waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dcs != null) dcs.close();
        if (emulator != null) emulator.close();
    }

    static String create(String name, String spec, double capacity) {
        return dcs.createInstance(r -> r.name(name).engine("Redis").engineVersion("6.0").capacity(capacity).specCode(spec)
                .azCodes(List.of("cn-north-4a", "cn-north-4b")).vpcId("vpc-1").subnetId("subnet-1").password(PASSWORD))
                .instances().get(0).instanceId();
    }

    static void assertError(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error_code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.requestId()).matches("[0-9a-f]{32}");
    }

    static void conforms(String shape, HuaweiTestClient.Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(V2.validateShape(shape, a.body()).violations()).as(a.text()).isEmpty();
    }

    static String waitJob(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String status;
        do {
            Thread.sleep(50);
            status = dcs.showJobInfo(r -> r.jobId(jobId)).status();
        } while ("RUNNING".equals(status) && System.nanoTime() < deadline);
        return status;
    }

    static ShowInstanceResponse show(String id) {
        return dcs.showInstance(r -> r.instanceId(id));
    }

    static NodesInfoResp master(String id, int group) {
        return dcs.showNodesInformation(r -> r.instanceId(id)).nodes().stream()
                .filter(n -> n.groupName().equals("group-" + group) && "master".equals(n.nodeType())).findFirst().orElseThrow();
    }

    static NodesInfoResp standby(String id, int group) {
        return dcs.showNodesInformation(r -> r.instanceId(id)).nodes().stream()
                .filter(n -> n.groupName().equals("group-" + group) && "slave".equals(n.nodeType())).findFirst().orElseThrow();
    }

    @Test
    void groupsAndNodesFollowTheCacheModeWithTheRealServersStatus() {
        ListGroupReplicationInfoResponse haGroups = dcs.listGroupReplicationInfo(r -> r.instanceId(ha));
        assertThat(haGroups.groupCount()).isEqualTo(1L);
        List<InstanceReplicationListInfo> reps = haGroups.groupList().get(0).replicationList();
        assertThat(reps).hasSize(2);
        assertThat(reps).extracting(InstanceReplicationListInfo::replicationRole).containsExactlyInAnyOrder("master", "slave");
        assertThat(reps).allSatisfy(x -> {
            assertThat(x.status()).isEqualTo("Active");
            assertThat(x.replicationIp()).isEqualTo("127.0.0.1");
            assertThat(x.nodeId()).matches("[0-9a-f]{32}");
            assertThat(x.dimensions()).hasSize(2);
            assertThat(x.dimensions().get(0).value()).isEqualTo(ha);
        });
        assertThat(reps).extracting(InstanceReplicationListInfo::azCode).containsExactly("cn-north-4a", "cn-north-4b");

        ListGroupReplicationInfoResponse clusterGroups = dcs.listGroupReplicationInfo(r -> r.instanceId(cluster));
        assertThat(clusterGroups.groupCount()).isEqualTo(3L);
        assertThat(clusterGroups.groupList()).extracting(g -> g.groupName()).containsExactly("group-0", "group-1", "group-2");
        assertError(raw.signed("GET", v2 + "/instance/" + single + "/groups", null), 400, "DCS.4007");
        conforms("ListGroupReplicationInfoResponse", raw.signed("GET", v2 + "/instance/" + cluster + "/groups", null));

        int port = show(ha).port().intValue();
        ShowNodesInformationResponse nodes = dcs.showNodesInformation(r -> r.instanceId(ha));
        assertThat(nodes.total()).isEqualTo(2L);
        assertThat(nodes.nodes()).allSatisfy(n -> {
            assertThat(n.nodePort()).isEqualTo(Integer.toString(port));
            assertThat(n.nodeIp()).isEqualTo("127.0.0.1");
            assertThat(n.status()).isEqualTo("Active");
            assertThat(n.nodeRole()).isEqualTo("redis-server");
            assertThat(n.priorityWeight()).isEqualTo(100L);
            assertThat(n.isAccess()).isTrue();
        });
        assertThat(master(ha, 0).name()).isEqualTo("(master)127.0.0.1");
        conforms("ShowNodesInformationResponse", raw.signed("GET", v2 + "/instances/" + cluster + "/logical-nodes", null));
        assertThat(dcs.showNodesInformation(r -> r.instanceId(single)).nodes()).singleElement()
                .satisfies(n -> assertThat(n.replicationId()).isNull());

        var batch = dcs.batchShowNodesInformation(r -> r.offset(0L).limit(2L));
        assertThat(batch.count()).isGreaterThanOrEqualTo(3L);
        assertThat(batch.instances()).hasSize(2);
        assertThat(dcs.batchShowNodesInformation(r -> r.offset(0L).limit(10L)).instances())
                .anySatisfy(i -> {
                    assertThat(i.instanceId()).isEqualTo(cluster);
                    assertThat(i.nodeCount()).isEqualTo(6L);
                });
        conforms("BatchShowNodesInformationResponse", raw.signed("GET", v2 + "/instances-logical-nodes?offset=1&limit=1", null));
        assertThat(raw.signed("GET", v2 + "/instances-logical-nodes?limit=101", null).status()).isEqualTo(400);
    }

    @Test
    void replicationStatesIsTheShardsReplicas() {
        String groupId = dcs.listGroupReplicationInfo(r -> r.instanceId(cluster)).groupList().get(1).groupId();
        // the handler's answer (the front-end writes its `body` as the top-level array, see the report)
        HuaweiDcsProvider provider = new HuaweiDcsProvider(emulator.fleet(), HuaweiFlavors.standard(), emulator.huaweiProjectId());
        ObjectNode input = Json.object().put("project_id", emulator.huaweiProjectId()).put("instance_id", cluster)
                .put("group_id", groupId);
        JsonNode items = provider.handle(new HuaweiRequest("v2", "ShowReplicationStates", "r", emulator.huaweiProjectId(), input))
                .path("body");
        assertThat(items).hasSize(2);
        items.forEach(item -> assertThat(V2.validateShape("InstanceReplicationListInfo", item).violations()).isEmpty());
        assertThat(items.findValuesAsText("replication_role")).containsExactlyInAnyOrder("master", "slave");
        assertError(raw.signed("GET", v2 + "/instance/" + cluster + "/groups/nope/group-nodes-state", null), 400, "DCS.4062");
        HuaweiTestClient.Answer a = raw.signed("GET", v2 + "/instance/" + cluster + "/groups/" + groupId + "/group-nodes-state", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().isArray()).as("ShowReplicationStates answers a bare JSON array").isTrue();
        assertThat(a.body()).hasSize(2);
        assertThat(dcs.showReplicationStates(r -> r.instanceId(cluster).groupId(groupId)).items()).hasSize(2);
    }

    @Test
    void masterStandbySwapDropsTheClientsOfTheRealServer() throws Exception {
        NodesInfoResp before = master(ha, 0);
        ShowInstanceResponse i = show(ha);
        try (Jedis client = new Jedis(i.ip(), i.port().intValue())) {
            client.auth(PASSWORD);
            client.set("swap", "kept");
            dcs.changeMasterStandby(r -> r.instanceId(ha));
            assertThatThrownBy(client::ping).isInstanceOf(JedisConnectionException.class);
        }
        assertThat(master(ha, 0).nodeId()).isNotEqualTo(before.nodeId());
        assertThat(standby(ha, 0).nodeId()).isEqualTo(before.nodeId());
        try (Jedis again = new Jedis(i.ip(), i.port().intValue())) {
            again.auth(PASSWORD);
            assertThat(again.get("swap")).isEqualTo("kept");
        }

        // async: the job swaps back after the task delay
        String jobId = dcs.changeMasterStandbyAsync(r -> r.instanceId(ha)).jobId();
        assertThat(jobId).matches("[0-9a-f]{32}");
        assertThat(waitJob(jobId)).isEqualTo("SUCCESS");
        assertThat(master(ha, 0).nodeId()).isEqualTo(before.nodeId());

        // only master/standby instances swap
        assertError(raw.signed("POST", v2 + "/instances/" + cluster + "/swap", null), 400, "DCS.4855");
        assertError(raw.signed("PUT", v2 + "/instances/" + single + "/async-swap", null), 400, "DCS.4855");
        assertError(raw.signed("POST", v2 + "/instances/00000000-0000-0000-0000-000000000000/swap", null), 404, "DCS.3022");
    }

    @Test
    void slavePriorityZeroForbidsTheSwap() {
        String groupId = dcs.listGroupReplicationInfo(r -> r.instanceId(ha)).groupList().get(0).groupId();
        NodesInfoResp standby = standby(ha, 0);
        NodesInfoResp master = master(ha, 0);
        String base = v2 + "/instances/" + ha + "/groups/" + groupId + "/replications/";
        assertError(raw.signed("POST", base + standby.nodeId() + "/slave-priority", "{\"slave_priority_weight\":101}"), 400, "DCS.4939");
        assertError(raw.signed("POST", base + master.nodeId() + "/slave-priority", "{\"slave_priority_weight\":5}"), 400, "DCS.4027");
        assertError(raw.signed("POST", base + "ffffffffffffffffffffffffffffffff/slave-priority", "{\"slave_priority_weight\":5}"),
                400, "DCS.3053");
        dcs.updateSlavePriority(r -> r.instanceId(ha).groupId(groupId).nodeId(standby.nodeId()).slavePriorityWeight(0L));
        assertThat(standby(ha, 0).priorityWeight()).isZero();
        assertError(raw.signed("POST", v2 + "/instances/" + ha + "/swap", null), 400, "DCS.4253");
        dcs.updateSlavePriority(r -> r.instanceId(ha).groupId(groupId).nodeId(standby.nodeId()).slavePriorityWeight(1L));
        assertThat(standby(ha, 0).priorityWeight()).isEqualTo(1L);
        dcs.updateSlavePriority(r -> r.instanceId(ha).groupId(groupId).nodeId(standby.nodeId()).slavePriorityWeight(100L));
    }

    @Test
    void clusterSwitchoverPromotesTheNodeOfTheShard() throws Exception {
        String groupId = dcs.listGroupReplicationInfo(r -> r.instanceId(cluster)).groupList().get(1).groupId();
        NodesInfoResp standby = standby(cluster, 1);
        NodesInfoResp master = master(cluster, 1);
        String base = v2 + "/instance/" + cluster + "/groups/" + groupId + "/replications/";
        assertError(raw.signed("POST", base + master.nodeId() + "/async-switchover", null), 400, "DCS.4027");
        assertError(raw.signed("POST", base + "ffffffffffffffffffffffffffffffff/async-switchover", null), 400, "DCS.3053");
        assertError(raw.signed("POST", v2 + "/instance/" + cluster + "/groups/nope/replications/" + standby.nodeId()
                + "/async-switchover", null), 400, "111400063");
        assertError(raw.signed("POST", v2 + "/instance/" + ha + "/groups/g/replications/n/async-switchover", null), 400, "111400063");

        String jobId = dcs.executeClusterSwitchover(r -> r.instanceId(cluster).groupId(groupId).nodeId(standby.nodeId())).jobId();
        assertThat(waitJob(jobId)).isEqualTo("SUCCESS");
        assertThat(master(cluster, 1).nodeId()).isEqualTo(standby.nodeId());
        assertThat(master(cluster, 0).nodeType()).isEqualTo("master"); // other shards untouched
    }

    @Test
    void deletableReplicasAreForNativeClusterOnly() {
        ListDeletableReplicationResponse d = dcs.listDeletableReplication(r -> r.instanceId(cluster));
        assertThat(d.checkResult()).isTrue();
        assertThat(d.availableZone()).isEqualTo("effdcbc7d4d64a02aa1fa26b42f56533");
        assertThat(d.replicationList()).hasSize(3);
        assertThat(d.replicationList().get(0).replicationIp()).isEqualTo("127.0.0.1:" + show(cluster).port());
        assertError(raw.signed("GET", v2 + "/instances/" + ha + "/deletable-replication", null), 400, "111400800");
        conforms("ListDeletableReplicationResponse", raw.signed("GET", v2 + "/instances/" + cluster + "/deletable-replication", null));
    }

    @Test
    void removingAStandbysIpKeepsOneInTheReadOnlyDomain() throws Exception {
        String groupId = dcs.listGroupReplicationInfo(r -> r.instanceId(ha)).groupList().get(0).groupId();
        String base = v2 + "/instances/" + ha + "/groups/" + groupId + "/replications/";
        assertError(raw.signed("DELETE", base + standby(ha, 0).nodeId() + "/remove-ip", null), 400, "DCS.4935");
        assertError(raw.signed("DELETE", base + master(ha, 0).nodeId() + "/remove-ip", null), 400, "DCS.4027");
        assertError(raw.signed("DELETE", v2 + "/instances/" + cluster + "/groups/g/replications/n/remove-ip", null), 400, "DCS.4840");

        String three = create("nodes-three", "redis.ha.xu1.tiny.r2.128", 0.125);
        waiters.waitForInstanceStatus(three, HuaweiDcsWaiters.RUNNING, WAIT);
        assertThat(dcs.showNodesInformation(r -> r.instanceId(three)).total()).isEqualTo(2L);
        Instance i = emulator.fleet().instance(three).orElseThrow();
        i.resize(i.memSizeMb(), 1, 3); // a third replica, as createReplication would add
        String group3 = dcs.listGroupReplicationInfo(r -> r.instanceId(three)).groupList().get(0).groupId();
        assertThat(dcs.listGroupReplicationInfo(r -> r.instanceId(three)).groupList().get(0).replicationList())
                .hasSize(3).filteredOn(x -> Boolean.TRUE.equals(x.isReplication())).hasSize(1);
        String node = standby(three, 0).nodeId();
        String jobId = dcs.deleteIpFromDomainName(r -> r.instanceId(three).groupId(group3).nodeId(node)).jobId();
        assertThat(waitJob(jobId)).isEqualTo("SUCCESS");
        assertThat(dcs.showNodesInformation(r -> r.instanceId(three)).nodes()).filteredOn(n -> n.nodeId().equals(node))
                .singleElement().satisfies(n -> assertThat(n.isRemoveIp()).isTrue());
        assertError(raw.signed("DELETE", v2 + "/instances/" + three + "/groups/" + group3 + "/replications/" + node
                + "/remove-ip", null), 400, "DCS.4998");
    }

    @Test
    void stoppingEveryNodeStopsTheRedisServerAndStartingBringsItBack() throws Exception {
        // master/standby: no backup in the last 24 hours
        ApiException noBackup = catchThrowableOfType(() -> dcs.changeNodesStartStopStatus(r -> r.instanceId(ha).action("stop")),
                ApiException.class);
        assertThat(noBackup.code()).isEqualTo("DCS.2001");
        assertThat(noBackup.httpStatus()).isEqualTo(405);
        assertError(raw.signed("PUT", v2 + "/instances/" + single + "/nodes/status", "{\"action\":\"pause\"}"), 400, "DCS.4064");
        assertError(raw.signed("PUT", v2 + "/instances/" + single + "/nodes/status",
                "{\"action\":\"stop\",\"node_ids\":[\"ffffffffffffffffffffffffffffffff\"]}"), 400, "DCS.3053");

        ShowInstanceResponse before = show(single);
        int port = before.port().intValue();
        try (Jedis jedis = new Jedis(before.ip(), port)) {
            jedis.auth(PASSWORD);
            jedis.set("survives", "stop");
        }
        String stopJob = dcs.changeNodesStartStopStatus(r -> r.instanceId(single).action("stop")).jobId();
        assertThat(waitJob(stopJob)).isEqualTo("SUCCESS");
        assertThat(dcs.showNodesInformation(r -> r.instanceId(single)).nodes()).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("Inactive"));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);

        String startJob = dcs.changeNodesStartStopStatus(r -> r.instanceId(single).action("start")).jobId();
        assertThat(waitJob(startJob)).isEqualTo("SUCCESS");
        ShowInstanceResponse after = show(single);
        assertThat(dcs.showNodesInformation(r -> r.instanceId(single)).nodes()).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo("Active"));
        try (Jedis jedis = new Jedis(after.ip(), after.port().intValue())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.get("survives")).isEqualTo("stop");
        }
    }
}
