package io.github.evesso.internal.esi;

import java.util.Arrays;
import java.util.List;

/**
 * CCP's rule for the {@code User-Agent} of ESI calls: it names the application and a way to contact its maintainer
 * (an e-mail address, a URL, or an {@code @handle}), for example {@code my-app/1.2 (me@example.com)}.
 */
final class UserAgents {
    static final int MAX_LENGTH = 256;

    private UserAgents() {
    }

    /**
     * {@code userAgent} stripped, when it follows the rule.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    static String check(String userAgent) {
        String value = userAgent.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("userAgent must be 1 to " + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("userAgent must be printable ASCII (no line breaks)");
        }
        List<String> words = Arrays.stream(value.split("[\\s()<>;,]+")).filter(w -> !w.isEmpty()).toList();
        boolean contact = words.stream().anyMatch(UserAgents::isContact);
        boolean name = words.stream().anyMatch(w -> !isContact(w) && w.chars().anyMatch(Character::isLetter));
        if (!contact || !name) {
            throw new IllegalArgumentException("userAgent must name the application and a contact (an e-mail"
                    + " address, a URL or an @handle), e.g. \"my-app/1.2 (me@example.com)\": " + value);
        }
        return value;
    }

    private static boolean isContact(String word) {
        return word.contains("://") || word.indexOf('@') >= 0 && word.length() > 1;
    }
}
