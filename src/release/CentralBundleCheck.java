import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Checks the Maven Central upload bundle that the {@code release} profile writes (target/central-bundle.zip) before
 * anyone uploads it: the layout the Central Publisher Portal expects, checksums that match, signatures when the build
 * signed, the POM metadata Central requires, and what each jar carries (no test class in the library jar, the local
 * EVE SSO in the test-jar).
 *
 * <p>A JDK single-file program, run by the release profile (and so by CI) as
 * {@code java src/release/CentralBundleCheck.java bundle=... groupId=... artifactId=... version=... moduleName=...
 * signed=true|false}. It prints every problem it finds and exits with 1 when there is one.
 */
public final class CentralBundleCheck {

    private static final List<String> CHECKSUMS_REQUIRED = List.of("md5", "sha1");
    private static final Map<String, String> DIGESTS = Map.of(
            "md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512");
    private static final String TESTING = "io/github/evesso/testing/";
    /** The benchmarks (src/jmh/java), compiled as test sources in the bench profile only. */
    private static final String BENCH = "io/github/evesso/bench/";

    private final Map<String, String> args;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, byte[]> files = new TreeMap<>();
    private final String base;

    private CentralBundleCheck(Map<String, String> args) {
        this.args = args;
        this.base = arg("artifactId") + "-" + arg("version");
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("arguments are name=value, not: " + a);
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        CentralBundleCheck check = new CentralBundleCheck(args);
        check.run();
        if (!check.problems.isEmpty()) {
            System.err.println("Central bundle " + args.get("bundle") + " has " + check.problems.size()
                    + " problem(s):");
            check.problems.forEach(p -> System.err.println("  - " + p));
            System.exit(1);
        }
        System.out.println("Central bundle OK: " + args.get("bundle") + " (" + check.files.size() + " files, "
                + (check.signed() ? "signed" : "unsigned: the portal takes only a signed one, see README") + ")");
        if (args.get("version").endsWith("-SNAPSHOT")) {
            System.out.println("WARNING: " + args.get("version") + " is a SNAPSHOT version: the portal takes none.");
        }
    }

    private String arg(String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing argument " + name + "=...");
        }
        return value;
    }

    private boolean signed() {
        return Boolean.parseBoolean(arg("signed"));
    }

    private void problem(String text) {
        problems.add(text);
    }

    private void run() throws Exception {
        readBundle();
        for (String artifact : artifacts()) {
            if (!files.containsKey(artifact)) {
                problem("missing " + artifact);
            } else {
                checkChecksums(artifact);
                checkSignature(artifact);
            }
        }
        checkNoStrayFiles();
        if (files.keySet().containsAll(artifacts())) {
            checkPom(files.get(base + ".pom"));
            checkLibraryJar();
            checkTestJar();
            checkJavadocJar();
        }
    }

    /** Every file of the bundle, by name, after checking that it lies in groupId/artifactId/version/. */
    private void readBundle() throws IOException {
        String dir = arg("groupId").replace('.', '/') + "/" + arg("artifactId") + "/" + arg("version") + "/";
        if (!Files.isRegularFile(Path.of(arg("bundle")))) {
            problem("no bundle at " + arg("bundle"));
            return;
        }
        try (ZipFile zip = new ZipFile(arg("bundle"))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!name.startsWith(dir) || name.substring(dir.length()).contains("/")) {
                    problem("not in " + dir + ": " + name);
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    files.put(name.substring(dir.length()), in.readAllBytes());
                }
            }
        }
    }

    private List<String> artifacts() {
        return List.of(base + ".pom", base + ".jar", base + "-sources.jar", base + "-javadoc.jar",
                base + "-tests.jar", base + "-test-sources.jar");
    }

    private void checkChecksums(String artifact) throws NoSuchAlgorithmException {
        for (Map.Entry<String, String> digest : new TreeMap<>(DIGESTS).entrySet()) {
            byte[] sum = files.get(artifact + "." + digest.getKey());
            if (sum == null) {
                if (CHECKSUMS_REQUIRED.contains(digest.getKey())) {
                    problem("missing " + artifact + "." + digest.getKey());
                }
                continue;
            }
            String expected = HexFormat.of().formatHex(
                    MessageDigest.getInstance(digest.getValue()).digest(files.get(artifact)));
            if (!new String(sum, StandardCharsets.US_ASCII).strip().equals(expected)) {
                problem(artifact + "." + digest.getKey() + " does not match the file (expected " + expected + ")");
            }
        }
    }

    private void checkSignature(String artifact) {
        byte[] signature = files.get(artifact + ".asc");
        if (signed() && signature == null) {
            problem("missing signature " + artifact + ".asc (the build was given a key)");
        } else if (!signed() && signature != null) {
            problem(artifact + ".asc present in an unsigned build: a stale one? Build with `clean`");
        } else if (signature != null && !new String(signature, StandardCharsets.US_ASCII)
                .startsWith("-----BEGIN PGP SIGNATURE-----")) {
            problem(artifact + ".asc is no ASCII-armoured PGP signature");
        }
    }

    private void checkNoStrayFiles() {
        Set<String> allowed = new TreeSet<>();
        for (String artifact : artifacts()) {
            allowed.add(artifact);
            allowed.add(artifact + ".asc");
            DIGESTS.keySet().forEach(ext -> allowed.add(artifact + "." + ext));
        }
        files.keySet().stream().filter(name -> !allowed.contains(name))
                .forEach(name -> problem("unexpected file " + name));
    }

    /** The metadata Central requires of a POM, and none of what it refuses. */
    private void checkPom(byte[] pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(pom));
        XPath xpath = XPathFactory.newInstance().newXPath();
        Map<String, String> expected = Map.of("groupId", arg("groupId"), "artifactId", arg("artifactId"),
                "version", arg("version"));
        for (Map.Entry<String, String> coordinate : new TreeMap<>(expected).entrySet()) {
            String actual = xpath.evaluate("/project/" + coordinate.getKey(), doc).strip();
            if (!actual.equals(coordinate.getValue())) {
                problem("POM " + coordinate.getKey() + " is '" + actual + "', not '" + coordinate.getValue() + "'");
            }
        }
        for (String path : List.of("name", "description", "url", "licenses/license/name", "licenses/license/url",
                "developers/developer/name", "scm/connection", "scm/developerConnection", "scm/url",
                "issueManagement/url")) {
            if (xpath.evaluate("/project/" + path, doc).isBlank()) {
                problem("POM has no <" + path + ">");
            }
        }
        String licence = xpath.evaluate("/project/licenses/license/url", doc);
        if (!licence.contains("apache.org/licenses/LICENSE-2.0")) {
            problem("POM licence is not the Apache License 2.0: " + licence);
        }
        for (String refused : List.of("repositories", "pluginRepositories", "distributionManagement")) {
            if (((NodeList) xpath.evaluate("/project/" + refused, doc, XPathConstants.NODESET)).getLength() > 0) {
                problem("POM declares <" + refused + ">: users of Central must need nothing else");
            }
        }
    }

    /** The library jar: manifest, licence, and only the classes of src/main/java (none of the test-jar). */
    private void checkLibraryJar() throws IOException {
        Map<String, byte[]> jar = entries(base + ".jar");
        byte[] manifest = jar.get("META-INF/MANIFEST.MF");
        Attributes main = manifest == null ? new Attributes()
                : new Manifest(new ByteArrayInputStream(manifest)).getMainAttributes();
        expectAttribute(main, "Automatic-Module-Name", arg("moduleName"));
        expectAttribute(main, "Implementation-Version", arg("version"));
        if (main.getValue("Implementation-Title") == null) {
            problem(base + ".jar manifest has no Implementation-Title");
        }
        for (String required : List.of("META-INF/LICENSE", "META-INF/NOTICE",
                "META-INF/services/jakarta.servlet.ServletContainerInitializer")) {
            if (!jar.containsKey(required)) {
                problem(base + ".jar has no " + required);
            }
        }
        String licence = new String(jar.getOrDefault("META-INF/LICENSE", new byte[0]), StandardCharsets.UTF_8);
        if (!licence.contains("Apache License") || !licence.contains("Version 2.0")) {
            problem(base + ".jar META-INF/LICENSE is not the Apache License 2.0");
        }
        Set<String> sources = entries(base + "-sources.jar").keySet();
        Set<String> testClasses = entries(base + "-tests.jar").keySet();
        String packageDir = arg("groupId").replace('.', '/') + "/";
        int classes = 0;
        for (String name : jar.keySet()) {
            if (name.startsWith("META-INF/")) {
                continue;
            }
            if (!name.endsWith(".class")) {
                problem(base + ".jar carries a file outside META-INF that is no class: " + name);
                continue;
            }
            classes++;
            String topLevel = name.replaceFirst("\\$.*", "").replaceFirst("\\.class$", "");
            if (!name.startsWith(packageDir) || name.startsWith(TESTING)) {
                problem(base + ".jar carries a class outside the library's packages: " + name);
            }
            if (testClasses.contains(name)) {
                problem(base + ".jar carries a test class (also in the test-jar): " + name);
            }
            if (topLevel.matches(".*(Test|Tests|IT)$")) {
                problem(base + ".jar carries a test class: " + name);
            }
            if (!sources.contains(topLevel + ".java")) {
                problem(base + ".jar carries a class without a source in src/main/java: " + name);
            }
        }
        if (classes == 0) {
            problem(base + ".jar carries no class");
        }
        if (sources.stream().anyMatch(name -> name.startsWith(TESTING))) {
            problem(base + "-sources.jar carries the local EVE SSO's sources (they belong in -test-sources.jar)");
        }
    }

    /** The test-jar carries the local EVE SSO, and none of the library's own test set-up files. */
    private void checkTestJar() throws IOException {
        Set<String> tests = entries(base + "-tests.jar").keySet();
        for (String required : List.of(TESTING + "LocalEveSso.class", TESTING + "LocalEveSso$Builder.class",
                TESTING + "LocalEveSsoMain.class", "META-INF/LICENSE")) {
            if (!tests.contains(required)) {
                problem(base + "-tests.jar has no " + required + " (the local EVE SSO ships in the test-jar)");
            }
        }
        for (String refused : List.of("arquillian.xml", "logging.properties")) {
            if (tests.contains(refused)) {
                problem(base + "-tests.jar carries " + refused + ": it would configure its users' tests");
            }
        }
        Set<String> testSources = entries(base + "-test-sources.jar").keySet();
        if (!testSources.contains(TESTING + "LocalEveSso.java")) {
            problem(base + "-test-sources.jar has no " + TESTING + "LocalEveSso.java");
        }
        if (tests.stream().anyMatch(name -> name.startsWith(BENCH))
                || testSources.stream().anyMatch(name -> name.startsWith(BENCH))) {
            problem("the test-jar or its sources carry the benchmarks (" + BENCH + "): build with clean, no -Pbench");
        }
    }

    private void checkJavadocJar() throws IOException {
        Set<String> javadoc = entries(base + "-javadoc.jar").keySet();
        String packageDir = arg("groupId").replace('.', '/') + "/";
        for (String required : List.of("index.html", packageDir + "package-summary.html",
                packageDir + "EveSsoFilter.html")) {
            if (!javadoc.contains(required)) {
                problem(base + "-javadoc.jar has no " + required);
            }
        }
    }

    private void expectAttribute(Attributes attributes, String name, String expected) {
        String actual = attributes.getValue(name);
        if (!expected.equals(actual)) {
            problem(base + ".jar manifest " + name + " is '" + actual + "', not '" + expected + "'");
        }
    }

    private Map<String, byte[]> entries(String jarName) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(files.get(jarName)))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }
}
