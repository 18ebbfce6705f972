package io.deltasql.log.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** parse() skips the defensive copy (its tree is private); fromJson() must still leave the caller's node intact. */
class ActionCodecOwnershipTest {
    private static final String ADD = "{\"add\":{\"path\":\"a\",\"partitionValues\":{\"p\":\"1\"},\"size\":3,"
            + "\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"x\",\"offset\":1,\"sizeInBytes\":2,"
            + "\"cardinality\":1,\"future\":true},\"stats\":null,\"newField\":[1]}}";

    @Test
    void parseRoundTripsWithExtraAndDeletionVector() throws Exception {
        Action a = ActionCodec.parse(ADD);
        assertThat(a).isInstanceOf(AddFile.class);
        AddFile add = (AddFile) a;
        assertThat(add.dvId()).isEqualTo("ux@1");
        assertThat(add.deletionVector().extra().get("future").asBoolean()).isTrue();
        assertThat(add.extra().has("stats")).isTrue();
        assertThat(add.extra().get("newField").get(0).asInt()).isEqualTo(1);
        assertThat(ActionCodec.mapper().readTree(ActionCodec.toJson(a))).isEqualTo(ActionCodec.mapper().readTree(ADD));
    }

    @Test
    void fromJsonDoesNotModifyTheCallersNode() throws Exception {
        JsonNode root = ActionCodec.mapper().readTree(ADD);
        JsonNode before = root.deepCopy();
        Action a = ActionCodec.fromJson("add", root.get("add"));
        assertThat(root).isEqualTo(before);
        assertThat(ActionCodec.mapper().readTree(ActionCodec.toJson(a))).isEqualTo(before);
    }
}
