package io.cachesh.shell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IniFileTest {

    private static IniFile parse(String text) {
        return IniFile.parse(text, "~/.cachesh/config", VendorKeys::canonicalKey);
    }

    @Test
    void readsDefaultAndNamedProfilesInBothHeaderStyles() {
        IniFile ini = parse("""
                # settings
                [default]
                provider = tencent
                region=ap-beijing

                [profile prod]
                region = ap-shanghai
                [staging]
                output: json
                """);
        assertThat(ini.profiles()).containsExactly("default", "prod", "staging");
        assertThat(ini.entries("default")).isEqualTo(Map.of("provider", "tencent", "region", "ap-beijing"));
        assertThat(ini.get("prod", "region")).contains("ap-shanghai");
        assertThat(ini.get("staging", "output")).contains("json");
        assertThat(ini.hasProfile("nosuch")).isFalse();
    }

    @Test
    void editsKeepCommentsAndOtherProfiles() {
        IniFile ini = parse("# keep me\n[default]\nregion = ap-beijing ; an inline comment\n\n[profile prod]\nregion = ap-shanghai # another\nid = a#b\n");
        ini.set("prod", "output", "json");
        ini.set("default", "region", "ap-guangzhou");
        ini.set("new", "provider", "huawei");
        assertThat(ini.render()).isEqualTo("""
                # keep me
                [default]
                region = ap-guangzhou

                [profile prod]
                region = ap-shanghai # another
                id = a#b
                output = json

                [profile new]
                provider = huawei
                """);
        ini.set("prod", "region", null);
        assertThat(ini.entries("prod")).isEqualTo(Map.of("output", "json", "id", "a#b"));
    }

    @Test
    void credentialsFilesUseBareHeadersForNewProfiles() {
        IniFile ini = IniFile.empty("~/.cachesh/credentials").profilePrefix(false);
        ini.set("prod", "tencent_secret_id", "AKIDprod");
        assertThat(ini.render()).isEqualTo("[prod]\ntencent_secret_id = AKIDprod\n");
        assertThat(parse(ini.render()).get("prod", "tencent_secret_id")).contains("AKIDprod");
    }

    @Test
    void theEarlierPropertiesFileReadsAsTheDefaultProfileAndMigrates() {
        IniFile ini = parse("# cachesh\ntencent.secretId=AKIDold\ntencent.secretKey = oldkey\n");
        assertThat(ini.headerless()).isTrue();
        assertThat(ini.entries("default"))
                .isEqualTo(Map.of("tencent_secret_id", "AKIDold", "tencent_secret_key", "oldkey"));
        ini.set("prod", "tencent_secret_id", "AKIDprod");
        IniFile again = parse(ini.render());
        assertThat(again.headerless()).isFalse();
        assertThat(again.get("default", "tencent_secret_id")).contains("AKIDold");
        assertThat(again.get("prod", "tencent_secret_id")).contains("AKIDprod");
    }

    @Test
    void malformedLinesSayWhereAndWhatToDo() {
        assertThatThrownBy(() -> parse("[default]\nregion ap-beijing\n"))
                .isInstanceOf(UsageException.class)
                .hasMessage("~/.cachesh/config line 2 has no '=' in 'region ap-beijing': write key = value under "
                        + "[default] or [profile <name>], or run cachesh configure to rewrite it");
        assertThatThrownBy(() -> parse("[profile prod\n"))
                .hasMessageStartingWith("~/.cachesh/config line 1 has an unclosed or empty section header '[profile prod'");
        assertThatThrownBy(() -> parse("[profile bad name]\n"))
                .hasMessageStartingWith("~/.cachesh/config line 1 has a bad profile name '[profile bad name]'");
    }

    @Test
    void valuesCannotSpanLines() {
        IniFile ini = IniFile.empty("x");
        assertThatThrownBy(() -> ini.set("default", "region", "a\n[evil]"))
                .isInstanceOf(UsageException.class).hasMessage("region: a value cannot span lines");
    }
}
