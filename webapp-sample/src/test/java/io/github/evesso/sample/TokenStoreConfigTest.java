package io.github.evesso.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.evesso.sample.dev.SampleTokenStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The token store's data source has one name everywhere: the sample's dev and test Tomcat resource
 * ({@link SampleTokenStore}), the -payara WAR's {@code <data-source>} and the server-config snippet for Tomcat.
 */
class TokenStoreConfigTest {

    @Test
    void theServerConfigResourceThePayaraDataSourceAndTheSampleShareOneJndiName() throws Exception {
        String snippet = Files.readString(Path.of("../server-config/tomcat/token-store.xml"));
        Element resource = (Element) parse("<snippet>" + snippet + "</snippet>").getElementsByTagName("Resource")
                .item(0);
        assertThat("java:comp/env/" + resource.getAttribute("name")).isEqualTo(SampleTokenStore.JNDI_NAME);
        assertThat(resource.getAttribute("type")).isEqualTo("javax.sql.DataSource");
        assertThat(snippet).contains("url=\"" + SampleTokenStore.h2Url(Path.of("/srv/eve-sso/data")) + "\"");

        Document payara = parse(Files.readString(Path.of("src/payara/web.xml")));
        assertThat(((Element) payara.getElementsByTagName("data-source").item(0)).getElementsByTagName("name")
                .item(0).getTextContent()).isEqualTo(SampleTokenStore.JNDI_NAME);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
