package io.github.evesso.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A temporary exploded web application directory, as a WAR would unpack: {@code WEB-INF/web.xml} (built with
 * {@link WebXml}), static files, and compiled classes copied from the test classpath into {@code WEB-INF/classes}
 * (so that Tomcat scans their annotations). Deploy it with {@link DeployedApp#deploy}; closing deletes it.
 */
public final class WebappDir implements AutoCloseable {
    private final Path root;

    private WebappDir(Path root) {
        this.root = root;
    }

    /** A new, empty directory. */
    public static WebappDir create() {
        try {
            return new WebappDir(Files.createTempDirectory("evesso-webapp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory (the context's docBase). */
    public Path root() {
        return root;
    }

    /** Writes {@code WEB-INF/web.xml}. */
    public WebappDir webXml(WebXml webXml) {
        return file("WEB-INF/web.xml", webXml.toString());
    }

    /** Writes a UTF-8 file at {@code relativePath} (e.g. {@code public/index.html}). */
    public WebappDir file(String relativePath, String content) {
        Path target = root.resolve(relativePath).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException("outside the webapp: " + relativePath);
        }
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes {@code WEB-INF/classes/META-INF/microprofile-config.properties} from {@code properties}. */
    public WebappDir microProfileConfig(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        return file("WEB-INF/classes/META-INF/microprofile-config.properties", text.toString());
    }

    /**
     * Copies the compiled {@code .class} file of each class (nested classes keep their {@code Outer$Inner} name) from
     * the test classpath into {@code WEB-INF/classes}, where Tomcat scans annotations and the webapp class loader
     * loads them from.
     */
    public WebappDir copyClasses(Class<?>... classes) {
        for (Class<?> c : classes) {
            String resource = c.getName().replace('.', '/') + ".class";
            try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no class file for " + c.getName());
                }
                Path target = root.resolve("WEB-INF/classes").resolve(resource);
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Deletes the directory. */
    @Override
    public void close() {
        LoopbackTomcat.deleteRecursively(root);
    }

    /** A Servlet 6.0 {@code web.xml}, assembled element by element; values are XML-escaped. */
    public static final class WebXml {
        private final StringBuilder body = new StringBuilder();
        private boolean metadataComplete;

        /** Adds a {@code <context-param>}. */
        public WebXml contextParam(String name, String value) {
            body.append("  <context-param>\n").append(param(name, value)).append("  </context-param>\n");
            return this;
        }

        /** Adds one {@code <context-param>} per entry. */
        public WebXml contextParams(Map<String, String> params) {
            params.forEach(this::contextParam);
            return this;
        }

        /** Declares a filter with init-params and maps it to {@code urlPattern}. */
        public WebXml filter(String name, Class<?> type, Map<String, String> initParams, String urlPattern) {
            body.append("  <filter>\n    <filter-name>").append(escape(name)).append("</filter-name>\n")
                    .append("    <filter-class>").append(type.getName()).append("</filter-class>\n");
            initParams.forEach((k, v) -> body.append("    <init-param>\n").append(param(k, v)).append("    </init-param>\n"));
            body.append("  </filter>\n  <filter-mapping>\n    <filter-name>").append(escape(name))
                    .append("</filter-name>\n    <url-pattern>").append(escape(urlPattern))
                    .append("</url-pattern>\n  </filter-mapping>\n");
            return this;
        }

        /** Declares a servlet with init-params and maps it to {@code urlPattern}. */
        public WebXml servlet(String name, Class<?> type, Map<String, String> initParams, String urlPattern) {
            body.append("  <servlet>\n    <servlet-name>").append(escape(name)).append("</servlet-name>\n")
                    .append("    <servlet-class>").append(type.getName()).append("</servlet-class>\n");
            initParams.forEach((k, v) -> body.append("    <init-param>\n").append(param(k, v)).append("    </init-param>\n"));
            body.append("  </servlet>\n  <servlet-mapping>\n    <servlet-name>").append(escape(name))
                    .append("</servlet-name>\n    <url-pattern>").append(escape(urlPattern))
                    .append("</url-pattern>\n  </servlet-mapping>\n");
            return this;
        }

        /** Maps one more {@code urlPattern} to the servlet {@code name}. */
        public WebXml servletMapping(String name, String urlPattern) {
            body.append("  <servlet-mapping>\n    <servlet-name>").append(escape(name))
                    .append("</servlet-name>\n    <url-pattern>").append(escape(urlPattern))
                    .append("</url-pattern>\n  </servlet-mapping>\n");
            return this;
        }

        /** Declares a servlet without init-params. */
        public WebXml servlet(String name, Class<?> type, String urlPattern) {
            return servlet(name, type, Map.of(), urlPattern);
        }

        /**
         * Adds a {@code <session-config>} whose {@code <cookie-config>} sets one attribute of the session cookie
         * (Servlet 6), e.g. {@code SameSite}.
         */
        public WebXml sessionCookieAttribute(String name, String value) {
            body.append("  <session-config>\n    <cookie-config>\n      <attribute>\n        <attribute-name>")
                    .append(escape(name)).append("</attribute-name>\n        <attribute-value>").append(escape(value))
                    .append("</attribute-value>\n      </attribute>\n    </cookie-config>\n  </session-config>\n");
            return this;
        }

        /** Sets {@code metadata-complete} (default {@code false}: annotations are scanned). */
        public WebXml metadataComplete(boolean value) {
            metadataComplete = value;
            return this;
        }

        /** An ordered map literal for init-params: {@code params("k1", "v1", "k2", "v2")}. */
        public static Map<String, String> params(String... keysAndValues) {
            if (keysAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("keys and values must pair up");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
            return map;
        }

        private static String param(String name, String value) {
            return "      <param-name>" + escape(name) + "</param-name>\n      <param-value>" + escape(value)
                    + "</param-value>\n";
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        @Override
        public String toString() {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"\n"
                    + "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "         xsi:schemaLocation=\"https://jakarta.ee/xml/ns/jakartaee"
                    + " https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd\"\n"
                    + "         version=\"6.0\" metadata-complete=\"" + metadataComplete + "\">\n"
                    + body + "</web-app>\n";
        }
    }
}
