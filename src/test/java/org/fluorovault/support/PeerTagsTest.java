package org.fluorovault.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn test -Pfast} leaves out the tests tagged {@code interop}, {@code browser} and {@code postgres}; this keeps
 * the tags true. Every test that starts an independent peer (dcmtk, dicom3tools, Orthanc, openssl, strace, node, a
 * browser: {@link Peers#require}, {@link Peers#run} and the support classes around them) or needs PostgreSQL must be
 * tagged, on its class (or a superclass) or on the method that does it.
 */
class PeerTagsTest {
    /** The support classes whose use means an external program or server. */
    static final Set<Class<?>> PEERS = Set.of(
            Peers.class,
            Browser.class,
            FindScu.class,
            NodePeer.class,
            Orthanc.class,
            TestCerts.class,
            PgTestDatabase.class);

    static final Set<String> TAGS = Set.of("interop", "browser", "postgres");

    @Test
    void everyTestThatNeedsAPeerIsTagged() {
        JavaClasses tests = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.fluorovault");
        Set<String> peerNames = new TreeSet<>();
        PEERS.forEach(c -> peerNames.add(c.getName()));
        List<String> untagged = new ArrayList<>();
        int checked = 0;
        for (JavaClass c : tests) {
            if (c.getPackageName().equals(PeerTagsTest.class.getPackageName())) continue; // the peers themselves
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                if (!peerNames.contains(call.getTargetOwner().getName())) continue;
                boolean peersHelper = call.getTargetOwner().isEquivalentTo(Peers.class);
                if (peersHelper
                        && !Set.of("require", "run").contains(call.getTarget().getName()))
                    continue; // which, freePort...
                checked++;
                JavaCodeUnit origin = call.getOrigin();
                if (!tagged(origin) && !tagged(c)) {
                    untagged.add(c.getSimpleName() + "." + origin.getName() + " calls "
                            + call.getTargetOwner().getSimpleName() + "."
                            + call.getTarget().getName());
                }
            }
        }
        assertTrue(checked > 20, "the check found the peer calls (" + checked + ")");
        assertEquals(List.of(), untagged, "tag these @Tag(\"interop\"), \"browser\" or \"postgres\"");
    }

    private static boolean tagged(HasAnnotations<?> element) {
        return element.tryGetAnnotationOfType(Tag.class)
                .map(t -> TAGS.contains(t.value()))
                .orElse(false);
    }

    /** The class, an enclosing class or a superclass carries one of the tags (JUnit inherits class tags). */
    private static boolean tagged(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getRawSuperclass().orElse(null)) {
            if (tagged((HasAnnotations<?>) k)) return true;
        }
        return c.getEnclosingClass().map(PeerTagsTest::tagged).orElse(false);
    }
}
