package io.cachesh.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.debug.DryRunInterceptor;
import io.cachesh.client.debug.WireLogInterceptor;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.dsl.ModelArgs;
import io.cachesh.dsl.ModelClient;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.emulator.Emulator;
import io.cachesh.model.ApiModel;
import io.cachesh.model.OperationModel;
import io.cachesh.shell.call.ApiNames;
import io.cachesh.shell.call.CliParameters;
import io.cachesh.shell.call.RawClients;
import io.cachesh.shell.call.Skeleton;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ResolvedConfig;
import io.cachesh.shell.config.ResolvedCredentials;
import io.cachesh.shell.config.Sessions;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.config.WriterOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cachesh call tencent.redis DescribeInstances --Limit 10}: any action of any model, without Groovy. The
 * parameters are the action's request members ({@link CliParameters}), or a JSON file ({@code --cli-input-json});
 * {@code --generate-skeleton} prints that JSON's template, {@code --dry-run} the signed request instead of sending
 * it. The answer prints in the chosen output format (JSON unless {@code --output} says otherwise).
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Call any API action of any model: cachesh call <api> <action> [--Name value ...].",
        footer = {"", "Examples:",
                "  cachesh call                                          list the APIs",
                "  cachesh call tencent.redis                            list its actions",
                "  cachesh call tencent.redis DescribeInstances --Limit 10 --InstanceIds crs-1 crs-2",
                "  cachesh call huawei.dcs ShowInstance --instance_id 1b7c...",
                "  cachesh call tencent.redis CreateInstances --generate-skeleton > create.json",
                "  cachesh call tencent.redis CreateInstances --cli-input-json create.json --dry-run"})
public final class CallCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    CacheshCommand parent;

    @Mixin
    GlobalOptionsMixin global;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<api>", completionCandidates = ApiNames.class,
            description = "The API: ${COMPLETION-CANDIDATES}.")
    String api;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<action>", completionCandidates = ApiNames.Actions.class,
            description = "The action, e.g. DescribeInstances (any case; lowerCamel works too).")
    String action;

    @Parameters(index = "2..*", paramLabel = "--Name value",
            description = "Request parameters: --Limit 10, --InstanceIds a b (lists), --Flag (true), JSON for structures.")
    List<String> words = new ArrayList<>();

    @Option(names = "--cli-input-json", paramLabel = "<file>",
            description = "Request parameters from a JSON file (- for stdin); --Name value words override its members.")
    String inputJson;

    @Option(names = "--generate-skeleton", description = "Print a JSON template of the action's request and exit.")
    boolean skeleton;

    @Option(names = "--dry-run", description = "Print the signed request (signature masked) instead of sending it.")
    boolean dryRun;

    @Option(names = "--emulator", description = "Call an embedded emulator instead of the vendor.")
    boolean emulator;

    @Option(names = "--project-id", paramLabel = "<id>",
            description = "Huawei project id (default: $HUAWEICLOUD_SDK_PROJECT_ID or the profile's; the emulator's own on the emulator).")
    String projectId;

    @Override
    public Integer call() {
        boolean debug = global.debug || parent.global.debug;
        try {
            return run(debug);
        } catch (Exception e) {
            return CacheshCommand.fail(spec, e, debug);
        }
    }

    private int run(boolean debug) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (api == null) return listApis(out);
        ApiModel model = ApiNames.model(api);
        if (action == null) return listActions(out, model);
        String wireAction = ApiNames.action(model, action);
        if (skeleton) {
            out.println(Skeleton.of(model, wireAction));
            out.flush();
            return 0;
        }
        String label = "call " + ApiNames.nameOf(model) + " " + wireAction;
        Map<String, Object> params = new LinkedHashMap<>(inputJson == null ? Map.of() : readInput(label));
        params.putAll(new CliParameters(model, wireAction).parse(words));
        Map<String, Object> wire = ModelArgs.toWire(model, wireAction, params, label);

        ResolvedConfig config = global.resolve(parent.environment(), parent.global);
        ShellSettings settings = config.settings();
        String vendor = model.vendor();
        String region = global.region != null || parent.global.region != null ? settings.region()
                : ProviderSettings.defaultRegion(vendor);
        Optional<ResolvedCredentials> creds = emulator ? Optional.empty()
                : config.credentialsOf(vendor);
        if (creds.isEmpty() && !emulator && settings.endpoint() == null) throw new UsageException(RunCommand.noCredentials(vendor));
        try (Sessions sessions = parent.environment().sessions(creds, config, emulator)) {
            Credentials credentials;
            String endpoint = settings.endpoint();
            boolean onEmulator = emulator || creds.isEmpty();
            if (emulator) {
                endpoint = sessions.startEmulator();
                err.println("using the embedded emulator at " + endpoint);
                credentials = Emulator.DEFAULT_CREDENTIALS;
            } else {
                credentials = creds.map(ResolvedCredentials::credentials).orElse(Emulator.DEFAULT_CREDENTIALS);
            }
            ClientConfig.Builder clientConfig = ClientConfig.builder().credentials(credentials).region(region)
                    .endpoint(endpoint);
            if ("huawei".equals(vendor)) clientConfig.projectId(huaweiProject(config, onEmulator));
            List<String> printed = new ArrayList<>();
            if (dryRun) clientConfig.addNetworkInterceptor(new DryRunInterceptor(printed::add));
            if (debug) clientConfig.addNetworkInterceptor(new WireLogInterceptor(CacheshCommand.wireLog(err),
                    RetryPolicy.defaults()));
            ClientConfig built = clientConfig.build();
            try (ModelClient client = new ModelClient(model, () -> RawClients.create(model, built), () -> false,
                    new WriterOutput(err))) {
                JsonNode answer = client.call(wireAction, wire);
                if (dryRun) {
                    if (printed.isEmpty()) throw new IllegalStateException(label + ": nothing was signed");
                    out.println("dry-run: " + label + " would send:");
                    out.print(printed.get(0));
                    return 0;
                }
                reportTask(err, model, wireAction, answer);
                print(out, answer, settings);
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }

    private Map<String, Object> readInput(String label) throws IOException {
        String text = "-".equals(inputJson) ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                : readFile(label);
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new UsageException(label + ": --cli-input-json must hold a JSON object, e.g. {\"Limit\": 10}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.convertValue(node, LinkedHashMap.class);
            return map;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException(label + ": --cli-input-json " + inputJson + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
        }
    }

    private String readFile(String label) throws IOException {
        Path file = Path.of(inputJson);
        if (!Files.isRegularFile(file)) throw new UsageException(label + ": --cli-input-json: no such file: " + file);
        return Files.readString(file);
    }

    private String huaweiProject(ResolvedConfig config, boolean onEmulator) {
        if (projectId != null) return projectId;
        String configured = config.optionsOf("huawei").get(ProviderSettings.PROJECT_ID);
        if (configured != null && !configured.isBlank()) return configured;
        if (onEmulator) return Emulator.DEFAULT_HUAWEI_PROJECT_ID;
        throw new UsageException("call: huawei needs a project id: pass --project-id, set HUAWEICLOUD_SDK_PROJECT_ID"
                + " or run cachesh configure --provider huawei");
    }

    /** An asynchronous action's task id on stderr, so a script reading stdout still gets the answer alone. */
    private static void reportTask(PrintWriter err, ApiModel model, String action, JsonNode answer) {
        OperationModel op = model.operations().get(action);
        if (op == null || op.async() == null || answer == null) return;
        JsonNode task = answer;
        for (String step : op.async().split("\\.")) task = task.path(step);
        if (!task.isMissingNode() && !task.isNull()) {
            err.println(action + ": task " + task.asText() + " started; the vendor finishes it in the background");
            err.flush();
        }
    }

    private void print(PrintWriter out, JsonNode answer, ShellSettings settings) {
        if (answer == null) return;
        boolean formatGiven = global.output != null || parent.global.output != null;
        ShellSettings s = formatGiven ? settings : settings.withOutput(OutputFormat.JSON);
        CacheshCommand.print(out, JSON.convertValue(answer, Object.class), s, parent.environment());
    }

    private static int listApis(PrintWriter out) {
        out.println("APIs (cachesh call <api> lists the actions of one):");
        for (String name : ApiNames.names()) {
            ApiModel m = ApiNames.model(name);
            out.printf("  %-26s %3d actions  %s%n", name, m.operations().size(), summary(m.doc()));
        }
        out.flush();
        return 0;
    }

    private static int listActions(PrintWriter out, ApiModel model) {
        out.println(ApiNames.nameOf(model) + " actions (cachesh call " + ApiNames.nameOf(model)
                + " <action> --generate-skeleton shows the parameters):");
        model.operations().forEach((name, op) -> out.printf("  %-40s %s%n", name,
                (op.deprecated() ? "(deprecated) " : "") + (op.doc() == null ? "" : op.doc())));
        out.flush();
        return 0;
    }

    /** A model's title for the list: its doc up to the first colon or sentence end (the rest is wire detail). */
    static String summary(String doc) {
        if (doc == null) return "";
        String first = doc.strip().lines().findFirst().orElse("");
        int cut = first.length();
        for (String stop : new String[] {": ", ". ", " ("}) {
            int at = first.indexOf(stop);
            if (at > 0) cut = Math.min(cut, at);
        }
        return first.substring(0, cut);
    }
}
