package io.cachesh.shell.daemon;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovySystem;
import groovy.lang.MetaClassRegistryChangeEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Undoes what calls changed for the whole JVM, so the next call in the daemon starts as it would in a JVM of its own:
 * system properties, the default locale and time zone, and meta classes a script set on classes that are not its own
 * ({@code String.metaClass.shout = { ... }}). Without this, one runbook's {@code System.setProperty} or meta-class
 * extension would be seen by every later call of the same user.
 *
 * <p>The JVM is put back as it was when the daemon last became busy, each time it becomes idle again: calls one after
 * the other are fully apart; calls that overlap see each other's changes while they overlap, as in one JVM. Meta
 * classes of a script's own classes (loaded by Groovy's class loaders) are the session's business and left alone.
 */
final class JvmStateGuard {

    private final Set<Class<?>> changedMetaClasses = ConcurrentHashMap.newKeySet();
    private int running;
    private Snapshot baseline;

    JvmStateGuard() {
        GroovySystem.getMetaClassRegistry().addMetaClassRegistryChangeEventListener(this::metaClassChanged);
    }

    private void metaClassChanged(MetaClassRegistryChangeEvent event) {
        Class<?> type = event.getClassToUpdate();
        if (event.isPerInstanceMetaClassChange() || type == null || event.getNewMetaClass() == null) return;
        ClassLoader loader = type.getClassLoader();
        if (loader instanceof GroovyClassLoader || loader instanceof GroovyClassLoader.InnerLoader) return;
        changedMetaClasses.add(type);
    }

    /** A call starts: the first of a busy period notes the JVM's settings. */
    synchronized void callStarted() {
        if (running++ == 0) {
            baseline = new Snapshot(copy(System.getProperties()), Locale.getDefault(), TimeZone.getDefault());
            changedMetaClasses.clear();
        }
    }

    /**
     * A call ended: when it was the last one running, puts back what the busy period changed and returns a line per
     * kind of change, for the daemon's log (names only, never values: a property may hold a secret).
     */
    synchronized List<String> callEnded() {
        if (--running > 0) return List.of();
        List<String> undone = new ArrayList<>();
        Map<String, String> now = copy(System.getProperties());
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> e : baseline.properties.entrySet()) {
            if (!Objects.equals(now.get(e.getKey()), e.getValue())) {
                System.setProperty(e.getKey(), e.getValue());
                keys.add(e.getKey());
            }
        }
        for (String key : now.keySet()) {
            if (!baseline.properties.containsKey(key)) {
                System.clearProperty(key);
                keys.add(key);
            }
        }
        if (!keys.isEmpty()) undone.add("system properties " + String.join(", ", keys.stream().sorted().toList()));
        if (!Locale.getDefault().equals(baseline.locale)) {
            Locale.setDefault(baseline.locale);
            undone.add("default locale");
        }
        if (!TimeZone.getDefault().equals(baseline.timeZone)) {
            TimeZone.setDefault(baseline.timeZone);
            undone.add("default time zone");
        }
        List<Class<?>> metaClasses = new ArrayList<>(changedMetaClasses);
        changedMetaClasses.clear();
        for (Class<?> type : metaClasses) {
            GroovySystem.getMetaClassRegistry().removeMetaClass(type);
        }
        if (!metaClasses.isEmpty()) {
            undone.add("meta classes of " + String.join(", ", metaClasses.stream().map(Class::getName).sorted().toList()));
        }
        return undone;
    }

    private static Map<String, String> copy(Properties properties) {
        Map<String, String> map = new HashMap<>();
        for (String name : properties.stringPropertyNames()) map.put(name, properties.getProperty(name));
        return map;
    }

    /** The JVM-wide settings a call may change (values are not printed: a property may hold a secret). */
    private record Snapshot(Map<String, String> properties, Locale locale, TimeZone timeZone) {

        @Override
        public String toString() {
            return "Snapshot[" + properties.size() + " system properties, " + locale + ", " + timeZone.getID() + "]";
        }
    }
}
