package io.github.evesso.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Java serialization as a session store or replication does it: serialize, deserialize, and list the classes an
 * object graph writes (to check that each declares a fixed {@code serialVersionUID}).
 */
public final class Serialization {
    private Serialization() {
    }

    /** The bytes {@link ObjectOutputStream} writes for {@code value}. */
    public static byte[] serialize(Object value) {
        return write(value, new LinkedHashSet<>());
    }

    /** Reads back what {@link #serialize} wrote. */
    public static <T> T deserialize(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class whose descriptor serializing {@code value} writes (the whole graph, superclasses included). */
    public static Set<Class<?>> classesIn(Object value) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        write(value, classes);
        return classes;
    }

    /** Whether {@code type} declares {@code private static final long serialVersionUID} (enums need none). */
    public static boolean declaresSerialVersionUid(Class<?> type) {
        if (type.isEnum()) {
            return true;
        }
        try {
            Field field = type.getDeclaredField("serialVersionUID");
            int m = field.getModifiers();
            return Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == long.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static byte[] write(Object value, Set<Class<?>> classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            @Override
            protected void annotateClass(Class<?> type) {
                classes.add(type);
            }
        }) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
