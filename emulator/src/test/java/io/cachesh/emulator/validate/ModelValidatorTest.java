package io.cachesh.emulator.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelValidatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static ApiModel model;
    static ModelValidator validator;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ModelValidatorTest.class.getResourceAsStream("tiny-model.json")) {
            model = Models.read(in);
        }
        validator = new ModelValidator(model);
    }

    static ValidationResult validate(String json) throws Exception {
        return validator.validate("Make", JSON.readTree(json));
    }

    @Test
    void aValidRequestHasNoViolations() throws Exception {
        ValidationResult r = validate("{\"Name\":\"abc\",\"Size\":3,\"Mode\":\"fast\",\"Level\":2,\"Flag\":true,"
                + "\"Ids\":[\"a\",\"b\"],\"Items\":[{\"Key\":\"k\",\"Value\":1}],\"Labels\":{\"x\":1},\"Extra\":[1,{}]}");
        assertThat(r.violations()).isEmpty();
        assertThat(r.valid()).isTrue();
    }

    @Test
    void missingRequiredMembersAreNamed() throws Exception {
        assertThat(validate("{}").violations()).extracting(Violation::kind, Violation::path)
                .containsExactly(tuple(Violation.Kind.MISSING, "Name"), tuple(Violation.Kind.MISSING, "Size"));
        assertThat(validate("{\"Size\":1}").violations().get(0).message()).contains("`Name`");
    }

    @Test
    void nullCountsAsAbsent() throws Exception {
        assertThat(validate("{\"Name\":\"ab\",\"Size\":null}").violations())
                .extracting(Violation::kind, Violation::path).containsExactly(tuple(Violation.Kind.MISSING, "Size"));
        assertThat(validate("{\"Name\":\"ab\",\"Size\":1,\"Mode\":null}").valid()).isTrue();
    }

    @Test
    void unknownMembersAreReportedAtTheirPath() throws Exception {
        assertThat(validate("{\"Name\":\"ab\",\"Size\":1,\"Colour\":1,\"Items\":[{\"Key\":\"k\",\"Nope\":2}]}").violations())
                .extracting(Violation::kind, Violation::path)
                .containsExactly(tuple(Violation.Kind.UNKNOWN, "Colour"), tuple(Violation.Kind.UNKNOWN, "Items.0.Nope"));
    }

    @Test
    void wrongJsonTypesAreTypeViolations() throws Exception {
        assertThat(validate("{\"Name\":5,\"Size\":\"big\",\"Flag\":\"yes\",\"Ids\":\"a\",\"Items\":{},\"Labels\":[],\"Ratio\":\"x\"}")
                .violations()).extracting(Violation::kind, Violation::path)
                .containsExactly(tuple(Violation.Kind.TYPE, "Name"), tuple(Violation.Kind.TYPE, "Size"),
                        tuple(Violation.Kind.TYPE, "Flag"), tuple(Violation.Kind.TYPE, "Ids"),
                        tuple(Violation.Kind.TYPE, "Items"), tuple(Violation.Kind.TYPE, "Labels"),
                        tuple(Violation.Kind.TYPE, "Ratio"));
        Violation size = validate("{\"Name\":\"ab\",\"Size\":1.5}").violations().get(0);
        assertThat(size.kind()).isEqualTo(Violation.Kind.TYPE);
        assertThat(size.message()).contains("`Size`").contains("expected integer").contains("got float");
    }

    @Test
    void numbersAndBooleansAsStringsAreCoerced() throws Exception {
        ValidationResult r = validate("{\"Name\":\"ab\",\"Size\":\"7\",\"Flag\":\"true\",\"Level\":\"4\",\"Labels\":{\"x\":\"2\"}}");
        assertThat(r.violations()).isEmpty();
        JsonNode v = r.value();
        assertThat(v.path("Size").isIntegralNumber()).isTrue();
        assertThat(v.path("Size").asLong()).isEqualTo(7);
        assertThat(v.path("Flag").isBoolean()).isTrue();
        assertThat(v.path("Labels").path("x").asInt()).isEqualTo(2);
    }

    @Test
    void enumViolationsListTheAllowedValues() throws Exception {
        Violation mode = validate("{\"Name\":\"ab\",\"Size\":1,\"Mode\":\"medium\"}").violations().get(0);
        assertThat(mode.kind()).isEqualTo(Violation.Kind.VALUE);
        assertThat(mode.path()).isEqualTo("Mode");
        assertThat(mode.message()).contains("`Mode`").contains("medium").contains("fast, slow");
        Violation level = validate("{\"Name\":\"ab\",\"Size\":1,\"Level\":3}").violations().get(0);
        assertThat(level.message()).contains("1, 2, 4");
    }

    @Test
    void rangesLengthsSizesAndPatternsAreValueViolations() throws Exception {
        assertThat(validate("{\"Name\":\"ab\",\"Size\":11}").violations().get(0).message()).contains("`Size`").contains("between 1 and 10");
        assertThat(validate("{\"Name\":\"ab\",\"Size\":0}").violations().get(0).kind()).isEqualTo(Violation.Kind.VALUE);
        assertThat(validate("{\"Name\":\"ab\",\"Size\":1,\"Ratio\":0.25}").violations().get(0).message()).contains("at least 0.5");
        assertThat(validate("{\"Name\":\"a\",\"Size\":1}").violations().get(0).message()).contains("at least 2 characters");
        assertThat(validate("{\"Name\":\"abcdef\",\"Size\":1}").violations().get(0).message()).contains("at most 5 characters");
        assertThat(validate("{\"Name\":\"AB\",\"Size\":1}").violations().get(0).message()).contains("pattern [a-z]+");
        assertThat(validate("{\"Name\":\"ab\",\"Size\":1,\"Ids\":[\"a\",\"b\",\"c\"]}").violations().get(0).message())
                .contains("at most 2 elements");
    }

    @Test
    void validationRecursesIntoListsAndStructures() throws Exception {
        assertThat(validate("{\"Name\":\"ab\",\"Size\":1,\"Ids\":[\"abcd\"],\"Items\":[{\"Key\":\"k\"},{\"Value\":9}]}").violations())
                .extracting(Violation::kind, Violation::path)
                .containsExactly(tuple(Violation.Kind.VALUE, "Ids.0"), tuple(Violation.Kind.MISSING, "Items.1.Key"),
                        tuple(Violation.Kind.VALUE, "Items.1.Value"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsATypeViolation() throws Exception {
        assertThat(validate("[1]").violations()).extracting(Violation::kind).containsExactly(Violation.Kind.TYPE);
    }

    @Test
    void shaperDropsMembersTheModelDoesNotDefine() throws Exception {
        ObjectNode out = (ObjectNode) JSON.readTree("{\"Id\":\"x\",\"Secret\":1,\"Item\":{\"Key\":\"k\",\"Debug\":true}}");
        assertThat(JSON.writeValueAsString(new ModelShaper(model).shape("MakeResponse", out)))
                .isEqualTo("{\"Id\":\"x\",\"Item\":{\"Key\":\"k\"}}");
    }
}
