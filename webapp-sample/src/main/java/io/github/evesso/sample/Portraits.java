package io.github.evesso.sample;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

/** The URL of a character's portrait ({@code sample.portrait-url}, EVE's image server by default). */
final class Portraits {
    private Portraits() {
    }

    static String url(HttpServletRequest request, ServletContext context, long characterId) {
        String pattern = SampleSettings.get(context, SampleSettings.PORTRAIT_URL, SampleSettings.DEFAULT_PORTRAIT_URL);
        String url = pattern.replace("{id}", Long.toString(characterId));
        return url.startsWith("/") ? request.getContextPath() + url : url;
    }
}
