package io.github.evesso.internal.flow;

import java.util.Locale;

/** The key a client address is counted under by the {@link CodeExchangeBudget}. */
final class ClientAddresses {
    private ClientAddresses() {
    }

    /**
     * The key an address is counted under: an IPv6 address by its first four groups (its /64, what one subscriber
     * typically holds), anything else as given.
     */
    static String key(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.indexOf(':') < 0) {
            return remoteAddr == null ? "" : remoteAddr;
        }
        String address = remoteAddr.replace("[", "").replace("]", "");
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        String[] groups = expand(address.toLowerCase(Locale.ROOT));
        return groups == null ? remoteAddr : String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }

    /** The eight groups of an IPv6 address without {@code ::} shorthand (leading zeros dropped), or {@code null}. */
    private static String[] expand(String address) {
        int gap = address.indexOf("::");
        String head = gap < 0 ? address : address.substring(0, gap);
        String tail = gap < 0 ? "" : address.substring(gap + 2);
        String[] front = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] back = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        int missing = 8 - front.length - back.length;
        if (gap < 0 ? missing != 0 : missing < 1) {
            return null;
        }
        String[] groups = new String[8];
        for (int i = 0; i < 8; i++) {
            String group = i < front.length ? front[i]
                    : i < front.length + missing ? "0" : back[i - front.length - missing];
            if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            groups[i] = Integer.toHexString(Integer.parseInt(group, 16));
        }
        return groups;
    }
}
