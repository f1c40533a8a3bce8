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

    private static MemberModel member() {
        return new MemberModel("string", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, false, false);
    }
}
