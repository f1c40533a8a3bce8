package io.cachesh.shell.cli;

import io.cachesh.dsl.DslTimeoutException;
import io.cachesh.shell.render.ErrorMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After a timed-out wait ("waiting for orders (crs-1) to be running; last status creating"): the command that
 * resumes it, {@code cachesh wait crs-1 --until running}. A timeout ends the wait, not the operation.
 */
final class ResumeHint {

    private static final Pattern WAITING = Pattern.compile(
            "waiting for (?:.*\\()?([\\w.:-]+)\\)? to be ([\\w-]+)");

    private ResumeHint() {
    }

    /** The hint line for a timed-out wait on an instance, else empty; {@code flags} are appended (provider, region). */
    static Optional<String> of(Throwable failure, String flags) {
        if (!(ErrorMessages.unwrap(failure) instanceof DslTimeoutException timeout)) return Optional.empty();
        Matcher m = WAITING.matcher(String.valueOf(timeout.getMessage()));
        if (!m.find()) return Optional.empty();
        return Optional.of("the operation goes on in the cloud; resume the wait with: cachesh wait " + m.group(1)
                + " --until " + m.group(2) + (flags == null || flags.isEmpty() ? "" : " " + flags));
    }

    /** The options a resumed wait needs again: {@code --provider}, {@code --region}, {@code --endpoint} as given. */
    static String flags(GlobalOptionsMixin... given) {
        List<String> flags = new ArrayList<>();
        first(given, g -> g.provider).ifPresent(v -> flags.add("--provider " + v));
        first(given, g -> g.region).ifPresent(v -> flags.add("--region " + v));
        first(given, g -> g.endpoint).ifPresent(v -> flags.add("--endpoint " + v));
        return String.join(" ", flags);
    }

    private static Optional<String> first(GlobalOptionsMixin[] given, Function<GlobalOptionsMixin, String> option) {
        return Arrays.stream(given).map(option).filter(Objects::nonNull).findFirst();
    }
}
