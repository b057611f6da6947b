package io.github.evesso.sample.cluster;

import io.github.evesso.support.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the tests read from the sample's pages. */
final class Pages {
    private static final Pattern CHARACTER_ID = Pattern.compile("id=\"character-id\">(\\d+)<");

    private Pages() {
    }

    /** The character id the character page shows; fails, naming the page, when it is not that page. */
    static long characterId(Page page) {
        Matcher m = CHARACTER_ID.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("not the character page: " + page + "\n" + page.body());
        }
        return Long.parseLong(m.group(1));
    }
}
