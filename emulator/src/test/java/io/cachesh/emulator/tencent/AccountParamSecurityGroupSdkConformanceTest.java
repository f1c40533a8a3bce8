package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.*;
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * The official Tencent Cloud Java SDK (3.1.667) drives the account, parameter-template, security-group and
 * connection actions against the emulator: its signatures verify and its typed answers parse with the expected
 * values (e.g. DescribeDBSecurityGroups' VPort as a string), in TC3 and in signature v1 (HmacSHA256) mode.
 */
class AccountParamSecurityGroupSdkConformanceTest {

    /** The actions this test drives through the SDK (OfficialSdkConformanceTest can count them as covered). */
    static final Set<String> SDK_DRIVEN = Set.of("CreateInstanceAccount", "DeleteInstanceAccount", "DescribeInstanceAccount",
            "ModifyInstanceAccount", "ApplyParamsTemplate", "CreateParamTemplate", "DeleteParamTemplate",
            "DescribeInstanceParamRecords", "DescribeParamTemplateInfo", "DescribeParamTemplates", "ModifyParamTemplate",
            "AssociateSecurityGroups", "DescribeDBSecurityGroups", "DescribeInstanceSecurityGroup", "DescribeProjectSecurityGroup",
            "DescribeProjectSecurityGroups", "DisassociateSecurityGroups", "ModifyDBInstanceSecurityGroups", "ModifyConnectionConfig");
    static final String PASSWORD = "Passw0rd!";
    static Emulator emulator;
    static RedisClient sdk;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine");
    }

    static void use(String signMethod) {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("127.0.0.1:" + emulator.port());
        Credentials keys = emulator.credentials();
        sdk = new RedisClient(new Credential(keys.keyId(), keys.secret().reveal()), "ap-guangzhou",
                new ClientProfile(signMethod, http));
    }

    @Test
    void theseAreTheActionsOfTheAccountTemplateSecurityGroupAndConnectionGroups() {
        TencentRedisProvider provider = new TencentRedisProvider(emulator.fleet(), ProductCatalog.load());
        Set<String> mine = new TreeSet<>();
        provider.groups().forEach((action, group) -> {
            if (Set.of("AccountActions", "ParamTemplateActions", "SecurityGroupActions", "ConnectionConfigActions").contains(group)) {
                mine.add(action);
            }
        });
        assertThat(mine).containsExactlyInAnyOrderElementsOf(SDK_DRIVEN);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static void waitTask(Long taskId) throws Exception {
        DescribeTaskInfoRequest req = new DescribeTaskInfoRequest();
        req.setTaskId(taskId);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String status = sdk.DescribeTaskInfo(req).getStatus();
            if ("succeed".equals(status)) return;
            if ("failed".equals(status) || System.nanoTime() > deadline) throw new AssertionError("task " + taskId + " " + status);
            Thread.sleep(50);
        }
    }

    static InstanceSet running(String id) throws Exception {
        DescribeInstancesRequest req = new DescribeInstancesRequest();
        req.setInstanceId(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            InstanceSet i = sdk.DescribeInstances(req).getInstanceSet()[0];
            if (i.getStatus() == 2L) return i;
            if (System.nanoTime() > deadline) throw new AssertionError(id + " still " + i.getStatus());
            Thread.sleep(50);
        }
    }

    static InstanceSet createRunning() throws Exception {
        CreateInstancesRequest req = new CreateInstancesRequest();
        req.setTypeId(15L);
        req.setMemSize(1024L);
        req.setGoodsNum(1L);
        req.setPeriod(1L);
        req.setBillingMode(0L);
        req.setZoneId(100002L);
        req.setPassword(PASSWORD);
        return running(sdk.CreateInstances(req).getInstanceIds()[0]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ClientProfile.SIGN_TC3_256, ClientProfile.SIGN_SHA256})
    void accounts(String signMethod) throws Exception {
        use(signMethod);
        InstanceSet instance = createRunning();
        String id = instance.getInstanceId();
        CreateInstanceAccountRequest create = new CreateInstanceAccountRequest();
        create.setInstanceId(id);
        create.setAccountName("redis_dev");
        create.setAccountPassword("c1evuhXY");
        create.setReadonlyPolicy(new String[] {"master"});
        create.setPrivilege("r");
        create.setRemark("开发账号");
        waitTask(sdk.CreateInstanceAccount(create).getTaskId());

        DescribeInstanceAccountRequest describe = new DescribeInstanceAccountRequest();
        describe.setInstanceId(id);
        describe.setLimit(10L);
        describe.setOffset(0L);
        DescribeInstanceAccountResponse accounts = sdk.DescribeInstanceAccount(describe);
        assertThat(accounts.getTotalCount()).isEqualTo(2L);
        Account dev = Arrays.stream(accounts.getAccounts()).filter(a -> a.getAccountName().equals("redis_dev")).findFirst().orElseThrow();
        assertThat(dev.getPrivilege()).isEqualTo("r");
        assertThat(dev.getReadonlyPolicy()).containsExactly("master");
        assertThat(dev.getStatus()).isEqualTo(2L);
        assertThat(dev.getRemark()).isEqualTo("开发账号");

        ModifyInstanceAccountRequest modify = new ModifyInstanceAccountRequest();
        modify.setInstanceId(id);
        modify.setAccountName("redis_dev");
        modify.setPrivilege("rw");
        waitTask(sdk.ModifyInstanceAccount(modify).getTaskId());
        try (Jedis jedis = new Jedis(instance.getWanIp(), instance.getPort().intValue())) {
            jedis.auth("redis_dev", "c1evuhXY");
            assertThat(jedis.set("k", "v")).isEqualTo("OK");
        }

        DeleteInstanceAccountRequest delete = new DeleteInstanceAccountRequest();
        delete.setInstanceId(id);
        delete.setAccountName("redis_dev");
        waitTask(sdk.DeleteInstanceAccount(delete).getTaskId());
        assertThat(sdk.DescribeInstanceAccount(describe).getTotalCount()).isEqualTo(1L);

        delete.setInstanceId("crs-nothere0");
        assertThatThrownBy(() -> sdk.DeleteInstanceAccount(delete)).isInstanceOf(TencentCloudSDKException.class)
                .satisfies(e -> assertThat(((TencentCloudSDKException) e).getErrorCode()).isEqualTo("ResourceNotFound.InstanceNotExists"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ClientProfile.SIGN_TC3_256, ClientProfile.SIGN_SHA256})
    void parameterTemplates(String signMethod) throws Exception {
        use(signMethod);
        InstanceSet instance = createRunning();
        InstanceParam timeout = new InstanceParam();
        timeout.setKey("timeout");
        timeout.setValue("120");
        CreateParamTemplateRequest create = new CreateParamTemplateRequest();
        create.setName("CustomParamTemplate");
        create.setDescription("MyCustomParamTemplate");
        create.setProductType(15L);
        create.setParamList(new InstanceParam[] {timeout});
        String templateId = sdk.CreateParamTemplate(create).getTemplateId();
        assertThat(templateId).matches("crs-cfg-[a-z0-9]{8}");

        DescribeParamTemplatesResponse list = sdk.DescribeParamTemplates(new DescribeParamTemplatesRequest());
        assertThat(list.getTotalCount()).isEqualTo(1L);
        assertThat(list.getItems()[0].getProductType()).isEqualTo(15L);

        InstanceParam hz = new InstanceParam();
        hz.setKey("hz");
        hz.setValue("20");
        ModifyParamTemplateRequest modify = new ModifyParamTemplateRequest();
        modify.setTemplateId(templateId);
        modify.setParamList(new InstanceParam[] {hz});
        sdk.ModifyParamTemplate(modify);

        DescribeParamTemplateInfoRequest info = new DescribeParamTemplateInfoRequest();
        info.setTemplateId(templateId);
        DescribeParamTemplateInfoResponse details = sdk.DescribeParamTemplateInfo(info);
        assertThat(details.getTotalCount()).isEqualTo((long) TencentParams.ALL.size());
        ParameterDetail hzDetail = Arrays.stream(details.getItems()).filter(d -> d.getName().equals("hz")).findFirst().orElseThrow();
        assertThat(hzDetail.getCurrentValue()).isEqualTo("20");
        assertThat(hzDetail.getNeedReboot()).isZero();

        ApplyParamsTemplateRequest apply = new ApplyParamsTemplateRequest();
        apply.setInstanceIds(new String[] {instance.getInstanceId()});
        apply.setTemplateId(templateId);
        Long[] taskIds = sdk.ApplyParamsTemplate(apply).getTaskIds();
        assertThat(taskIds).hasSize(1);
        waitTask(taskIds[0]);
        try (Jedis jedis = new Jedis(instance.getWanIp(), instance.getPort().intValue())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.configGet("timeout").get("timeout")).isEqualTo("120");
        }

        DescribeInstanceParamRecordsRequest records = new DescribeInstanceParamRecordsRequest();
        records.setInstanceId(instance.getInstanceId());
        DescribeInstanceParamRecordsResponse history = sdk.DescribeInstanceParamRecords(records);
        assertThat(history.getTotalCount()).isEqualTo(2L);
        assertThat(Arrays.stream(history.getInstanceParamHistory()).map(InstanceParamHistory::getParamName)).containsExactlyInAnyOrder("timeout", "hz");

        DeleteParamTemplateRequest delete = new DeleteParamTemplateRequest();
        delete.setTemplateId(templateId);
        sdk.DeleteParamTemplate(delete);
        assertThatThrownBy(() -> sdk.DescribeParamTemplateInfo(info)).isInstanceOf(TencentCloudSDKException.class)
                .satisfies(e -> assertThat(((TencentCloudSDKException) e).getErrorCode()).isEqualTo("InvalidParameter"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ClientProfile.SIGN_TC3_256, ClientProfile.SIGN_SHA256})
    void securityGroupsAndConnections(String signMethod) throws Exception {
        use(signMethod);
        InstanceSet instance = createRunning();
        String id = instance.getInstanceId();
        AssociateSecurityGroupsRequest associate = new AssociateSecurityGroupsRequest();
        associate.setProduct("redis");
        associate.setSecurityGroupId("sg-ajr1jzgj");
        associate.setInstanceIds(new String[] {id});
        assertThat(sdk.AssociateSecurityGroups(associate).getRequestId()).isNotBlank();

        ModifyDBInstanceSecurityGroupsRequest modify = new ModifyDBInstanceSecurityGroupsRequest();
        modify.setProduct("redis");
        modify.setInstanceId(id);
        modify.setSecurityGroupIds(new String[] {"sg-7y0pa6nf", "sg-gl1egaj1"});
        sdk.ModifyDBInstanceSecurityGroups(modify);

        DescribeDBSecurityGroupsRequest db = new DescribeDBSecurityGroupsRequest();
        db.setProduct("redis");
        db.setInstanceId(id);
        DescribeDBSecurityGroupsResponse groups = sdk.DescribeDBSecurityGroups(db);
        assertThat(groups.getVPort()).isEqualTo(Long.toString(instance.getPort()));
        assertThat(groups.getVIP()).isEqualTo(instance.getWanIp());
        assertThat(Arrays.stream(groups.getGroups()).map(SecurityGroup::getSecurityGroupId)).containsExactly("sg-7y0pa6nf", "sg-gl1egaj1");
        assertThat(groups.getGroups()[0].getInbound()[2].getDesc()).isEqualTo("CVM-公网");

        DescribeInstanceSecurityGroupRequest instanceGroups = new DescribeInstanceSecurityGroupRequest();
        instanceGroups.setInstanceIds(new String[] {id});
        SecurityGroupDetail detail = sdk.DescribeInstanceSecurityGroup(instanceGroups).getInstanceSecurityGroupsDetail()[0]
                .getSecurityGroupDetails()[1];
        assertThat(detail.getSecurityGroupName()).isEqualTo("all");
        assertThat(detail.getInboundRule()[0].getIp()).isEqualTo("0.0.0.0/0");

        DisassociateSecurityGroupsRequest disassociate = new DisassociateSecurityGroupsRequest();
        disassociate.setProduct("redis");
        disassociate.setSecurityGroupId("sg-gl1egaj1");
        disassociate.setInstanceIds(new String[] {id});
        sdk.DisassociateSecurityGroups(disassociate);
        assertThat(sdk.DescribeDBSecurityGroups(db).getGroups()).hasSize(1);

        DescribeProjectSecurityGroupsRequest project = new DescribeProjectSecurityGroupsRequest();
        project.setProduct("redis");
        project.setProjectId(0L);
        assertThat(sdk.DescribeProjectSecurityGroups(project).getTotal()).isEqualTo(3L);
        DescribeProjectSecurityGroupRequest one = new DescribeProjectSecurityGroupRequest();
        one.setSecurityGroupId("sg-gl1egaj1");
        assertThat(sdk.DescribeProjectSecurityGroup(one).getSecurityGroupDetails()[0].getOutboundRule()).hasSize(1);

        db.setInstanceId("crs-nothere0");
        assertThatThrownBy(() -> sdk.DescribeDBSecurityGroups(db)).isInstanceOf(TencentCloudSDKException.class)
                .satisfies(e -> assertThat(((TencentCloudSDKException) e).getErrorCode()).isEqualTo("ResourceNotFound.InstanceNotFound"));

        ModifyConnectionConfigRequest connections = new ModifyConnectionConfigRequest();
        connections.setInstanceId(id);
        connections.setBandwidth(5L);
        connections.setClientLimit(12000L);
        waitTask(sdk.ModifyConnectionConfig(connections).getTaskId());
        assertThat(ConnectionConfigActions.clientLimit(emulator.fleet().instance(id).orElseThrow())).isEqualTo(12000L);
    }
}
