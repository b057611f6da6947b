package io.github.evesso.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A tiny attribute store for the benchmark fakes: a fixed array searched linearly, so that replacing an existing
 * attribute allocates nothing and any allocation a benchmark reports is the library's own.
 */
final class Attributes {
    private final String[] names = new String[16];
    private final Object[] values = new Object[16];
    private int size;

    Object get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    void set(String name, Object value) {
        if (value == null) {
            remove(name);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                values[i] = value;
                return;
            }
        }
        if (size == names.length) {
            throw new IllegalStateException("too many attributes for a benchmark fake");
        }
        names[size] = name;
        values[size++] = value;
    }

    void remove(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                size--;
                names[i] = names[size];
                values[i] = values[size];
                names[size] = null;
                values[size] = null;
                return;
            }
        }
    }

    Enumeration<String> names() {
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(names[i]);
        }
        return Collections.enumeration(list);
    }
}
