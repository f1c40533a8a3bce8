package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.huaweicloud.sdk.dcs.v2.model.AclAccountResp;
import com.huaweicloud.sdk.dcs.v2.model.CreateAclAccountRequest;
import com.huaweicloud.sdk.dcs.v2.model.CreateAclAccountRequestBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceBody;
import com.huaweicloud.sdk.dcs.v2.model.CreateInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ExecuteCommandMobilizationRequest;
import com.huaweicloud.sdk.dcs.v2.model.ExecuteCommandRequestBody;
import com.huaweicloud.sdk.dcs.v2.model.ListAclAccountsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListBackgroundTaskRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListBackgroundTaskResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListClientsRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListClientsResponse;
import com.huaweicloud.sdk.dcs.v2.model.ListConfigTemplatesRequest;
import com.huaweicloud.sdk.dcs.v2.model.ListConfigTemplatesResponse;
import com.huaweicloud.sdk.dcs.v2.model.LoginWebCliBody;
import com.huaweicloud.sdk.dcs.v2.model.LoginWebCliRequest;
import com.huaweicloud.sdk.dcs.v2.model.LoginWebCliResponse;
import com.huaweicloud.sdk.dcs.v2.model.ModifyIpWhitelistBody;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowInstanceResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowIpWhitelistRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowIpWhitelistResponse;
import com.huaweicloud.sdk.dcs.v2.model.ShowQuotaOfTenantRequest;
import com.huaweicloud.sdk.dcs.v2.model.ShowQuotaOfTenantResponse;
import com.huaweicloud.sdk.dcs.v2.model.UpdateIpWhitelistRequest;
import com.huaweicloud.sdk.dcs.v2.model.Whitelist;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The official SDK ({@code huaweicloud-sdk-dcs} 3.1.130) on ACL accounts, Web-CLI, sessions, the whitelist, templates,
 * background tasks and the quota: its requests pass the model and its response classes parse the answers.
 */
class HuaweiOfficialSdkAccessConformanceTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static DcsClient sdk;
    static String id;
    static ShowInstanceResponse running;

    @BeforeAll
    static void start() throws InterruptedException {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(300)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        sdk = DcsClient.newBuilder()
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(10))
                .withCredential(new BasicCredentials().withAk(emulator.credentials().keyId())
                        .withSk(emulator.credentials().secret().reveal()).withProjectId(emulator.huaweiProjectId()))
                .withEndpoint(emulator.endpoint())
                .build();
        id = sdk.createInstance(new CreateInstanceRequest().withBody(new CreateInstanceBody().withName("sdk-access")
                .withEngine("Redis").withEngineVersion("6.0").withCapacity(0.125f).withSpecCode("redis.ha.xu1.tiny.r2.128")
                .withAzCodes(List.of("cn-north-4a")).withVpcId("vpc-1").withSubnetId("subnet-1").withPassword(PASSWORD)))
                .getInstances().get(0).getInstanceId();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            Thread.sleep(50);
            running = sdk.showInstance(new ShowInstanceRequest().withInstanceId(id));
        } while (!"RUNNING".equals(running.getStatus()) && System.nanoTime() < deadline);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    @Test
    void aclAccountThroughTheSdkWorksInRedis() throws InterruptedException {
        sdk.createAclAccount(new CreateAclAccountRequest().withInstanceId(id).withBody(new CreateAclAccountRequestBody()
                .withAccountName("sdkuser").withAccountRole(CreateAclAccountRequestBody.AccountRoleEnum.WRITE)
                .withAccountPassword("Sdk-User-Pass1")));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        AclAccountResp account;
        do {
            Thread.sleep(50);
            account = sdk.listAclAccounts(new ListAclAccountsRequest().withInstanceId(id)).getAccounts().stream()
                    .filter(a -> "sdkuser".equals(a.getAccountName())).findFirst().orElseThrow();
        } while (!"AVAILABLE".equals(String.valueOf(account.getStatus())) && System.nanoTime() < deadline);
        assertThat(String.valueOf(account.getAccountRole())).isEqualTo("write");
        try (Jedis j = new Jedis(running.getIp(), running.getPort())) {
            assertThat(j.auth("sdkuser", "Sdk-User-Pass1")).isEqualTo("OK");
            assertThat(j.set("sdk-acl", "1")).isEqualTo("OK");
        }
        ClientRequestException bad = catchThrowableOfType(ClientRequestException.class, () -> sdk.createAclAccount(
                new CreateAclAccountRequest().withInstanceId(id).withBody(new CreateAclAccountRequestBody()
                        .withAccountName("sdkuser").withAccountRole(CreateAclAccountRequestBody.AccountRoleEnum.READ)
                        .withAccountPassword("Sdk-User-Pass1"))));
        assertThat(bad.getHttpStatusCode()).isEqualTo(400);
        assertThat(bad.getErrorCode()).isEqualTo("DCS.4961");
    }

    @Test
    void webCliAndSessionsThroughTheSdk() {
        LoginWebCliResponse login = sdk.loginWebCli(new LoginWebCliRequest().withInstanceId(id)
                .withBody(new LoginWebCliBody().withPassword(PASSWORD)));
        assertThat(login.getClientId()).hasSize(48);
        String reply = sdk.executeCommandMobilization(new ExecuteCommandMobilizationRequest().withInstanceId(id)
                .withBody(new ExecuteCommandRequestBody().withClientId(login.getClientId()).withCommand("set sdk-k v").withDatabase(0)))
                .getResponse();
        assertThat(reply).isEqualTo("OK");
        try (Jedis j = new Jedis(running.getIp(), running.getPort())) {
            j.auth(PASSWORD);
            assertThat(j.get("sdk-k")).isEqualTo("v");
            j.clientSetname("sdk-session");
            ListClientsResponse clients = sdk.listClients(new ListClientsRequest().withInstanceId(id)
                    .withNodeId(ClientSessionActions.nodeId(emulator.fleet().instance(id).orElseThrow())).withLimit(100));
            assertThat(clients.getClients()).anyMatch(c -> "sdk-session".equals(c.getName()));
            assertThat(clients.getCount()).isPositive();
        }
    }

    @Test
    void whitelistTemplatesTasksAndQuotaParse() {
        sdk.updateIpWhitelist(new UpdateIpWhitelistRequest().withInstanceId(id).withBody(new ModifyIpWhitelistBody()
                .withEnableWhitelist(true).withWhitelist(List.of(new Whitelist().withGroupName("g1").withIpList(List.of("10.1.1.1"))))));
        ShowIpWhitelistResponse wl = sdk.showIpWhitelist(new ShowIpWhitelistRequest().withInstanceId(id));
        assertThat(wl.getEnableWhitelist()).isTrue();
        assertThat(wl.getWhitelist().get(0).getIpList()).containsExactly("10.1.1.1");

        ListConfigTemplatesResponse templates = sdk.listConfigTemplates(new ListConfigTemplatesRequest()
                .withType(ListConfigTemplatesRequest.TypeEnum.SYS).withEngineVersion("5.0").withCacheMode("single"));
        assertThat(templates.getTemplateNum()).isEqualTo(1);
        assertThat(templates.getTemplates().get(0).getTemplateId()).isEqualTo("11");

        ListBackgroundTaskResponse tasks = sdk.listBackgroundTask(new ListBackgroundTaskRequest().withInstanceId(id));
        assertThat(tasks.getTasks()).isNotEmpty();
        assertThat(tasks.getTasks().get(0).getId()).hasSize(32);

        ShowQuotaOfTenantResponse quota = sdk.showQuotaOfTenant(new ShowQuotaOfTenantRequest());
        assertThat(quota.getQuotas().getResources()).hasSize(2);
        assertThat(quota.getQuotas().getResources().get(0).getUsed()).isEqualTo(1);
    }
}
