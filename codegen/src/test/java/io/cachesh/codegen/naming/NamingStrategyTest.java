package io.cachesh.codegen.naming;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamingStrategyTest {

    private final NamingStrategy naming = new NamingStrategy();

    @ParameterizedTest
    @CsvSource({
            "InstanceId, instanceId",
            "VPCId, vpcId",
            "WanIp, wanIp",
            "ID, id",
            "Foo-Bar, fooBar",
            "foo_bar, fooBar",
            "2FA, n2FA",
            "DescribeDBSecurityGroups, describeDBSecurityGroups",
            "'--', member"})
    void lowerCamelMakesLegalJavaNames(String wire, String java) {
        assertThat(NamingStrategy.lowerCamel(wire)).isEqualTo(java);
    }

    @Test
    void keywordsAndReservedMethodsGetAValueSuffix() {
        Map<String, MemberModel> members = new LinkedHashMap<>();
        for (String name : List.of("class", "Default", "hashCode", "Builder", "toString")) members.put(name, member());
        assertThat(naming.memberNames(new ShapeModel("structure", null, null, members, null)).values())
                .containsExactly("classValue", "defaultValue", "hashCodeValue", "builderValue", "toStringValue");
    }

    @Test
    void clashingMemberNamesAreNumbered() {
        Map<String, MemberModel> members = new LinkedHashMap<>();
        for (String name : List.of("FooBar", "Foo-Bar", "foo_bar")) members.put(name, member());
        assertThat(naming.memberNames(new ShapeModel("structure", null, null, members, null)).values())
                .containsExactly("fooBar", "fooBar2", "fooBar3");
    }

    @Test
    void operationMethodsAvoidKeywordsAndClose() {
        assertThat(naming.operationMethod("DescribeInstances")).isEqualTo("describeInstances");
        assertThat(naming.operationMethod("Import")).isEqualTo("importAction");
        assertThat(naming.operationMethod("Close")).isEqualTo("closeAction");
    }

    @Test
    void enumHoldersAreSingularForListsAndAvoidTakenNames() {
        Map<String, MemberModel> members = new LinkedHashMap<>();
        members.put("Status", enumMember("integer", List.of(0, 1)));
        members.put("ProductVersions", listOf(enumMember("string", List.of("local", "cdc"))));
        members.put("AutoRenew", enumMember("integer", List.of(0, 1)));
        members.put("AutoRenews", listOf(enumMember("integer", List.of(0, 1, 2))));
        members.put("Policies", listOf(enumMember("string", List.of("a"))));
        members.put("Tag", enumMember("string", List.of("hot")));
        members.put("Flag", enumMember("boolean", List.of(true)));
        members.put("Odd", enumMember("integer", List.of("x")));
        members.put("Plain", member());
        assertThat(naming.enumClasses(new ShapeModel("structure", null, null, members, null), java.util.Set.of("Tag", "Builder")))
                .containsExactly(Map.entry("Status", "Status"), Map.entry("ProductVersions", "ProductVersion"),
                        Map.entry("AutoRenew", "AutoRenew"), Map.entry("AutoRenews", "AutoRenews"),
                        Map.entry("Policies", "Policy"), Map.entry("Tag", "TagValue"));
    }

    @Test
    void enumConstantsAreUpperSnakeAndUnique() {
        assertThat(naming.enumConstants(List.of("succeed", "curDeadline", "modifyProject", "Redis-4.0", "", "2.8", "a_b", "A-B", "true")).values())
                .containsExactly("SUCCEED", "CUR_DEADLINE", "MODIFY_PROJECT", "REDIS_4_0", "EMPTY", "VALUE_2_8", "A_B", "A_B_2", "TRUE");
        assertThat(naming.enumConstants(List.of(0, 2, -2, -3, 15)).values())
                .containsExactly("VALUE_0", "VALUE_2", "VALUE_MINUS_2", "VALUE_MINUS_3", "VALUE_15");
        assertThat(naming.enumConstants(List.of(0.5, 1)).values()).containsExactly("VALUE_0_5", "VALUE_1");
    }

    private static MemberModel enumMember(String type, List<Object> values) {
        return new MemberModel(type, null, null, values, null, null, null, null, null, null, null, null, null, null,
                null, null, false, false);
    }

    private static MemberModel listOf(MemberModel element) {
        return new MemberModel("list", null, element, null, null, null, null, null, null, null, null, null, null, null,
                null, null, false, false);
    }

    private static MemberModel member() {
        return new MemberModel("string", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, false, false);
    }
}
