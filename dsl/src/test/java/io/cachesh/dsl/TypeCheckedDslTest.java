package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import groovy.lang.GroovyShell;
import groovy.transform.TypeChecked;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.junit.jupiter.api.Test;

/** The public DSL compiles under {@code @TypeChecked}: verbs, results and raw access have static signatures. */
class TypeCheckedDslTest {

    static GroovyShell typeChecked() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(RunbookScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports("io.cachesh.dsl.result");
        imports.addImports(RedisConnection.class.getName());
        config.addCompilationCustomizers(imports, new ASTTransformationCustomizer(TypeChecked.class));
        return new GroovyShell(TypeCheckedDslTest.class.getClassLoader(), config);
    }

    @Test
    void theDocumentedDslTypeChecks() {
        assertThatCode(() -> typeChecked().parse("""
                cache {
                    provider tencent, region: 'ap-guangzhou'
                }
                provider 'tencent'
                Instance orders = create name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'
                Instance bigger = resize orders, capacity: 4
                List<Instance> running = list(status: 'running')
                double total = running.sum { Instance i -> i.capacityGb } as double
                Instance renamed = rename orders, to: 'orders-main'
                rename 'orders-main', 'orders'
                Task cleared = clear orders, password: 'Orders-Pass1'
                Task changed = password orders, old: 'Orders-Pass1', new: 'Orders-Pass2'
                Backup b = backup orders, remark: 'x'
                List<Backup> all = backups(orders)
                wait orders, status: 'running', timeout: '5m'
                Instance gone = delete(orders, purge: false)
                Map<String, Object> row = gone.toMap()
                String region = params.region as String
                info "done: ${row.id} in ${region}"
                RedisConnection r = connect(orders, password: 'Orders-Pass2')
                String v = r.get('k')
                long keys = r.dbsize()
                r.close()
                Object got = connect(orders) { set 'k', 'v'; get('k') }
                """)).doesNotThrowAnyException();
    }

    @Test
    void aMisspelledResultPropertyFailsToCompile() {
        assertThatThrownBy(() -> typeChecked().parse("Instance i = describe('orders'); i.capacityGB"))
                .hasMessageContaining("No such property: capacityGB");
    }
}
