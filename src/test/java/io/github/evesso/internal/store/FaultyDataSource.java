package io.github.evesso.internal.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A real database's data source with one injected fault: the next {@code commit()} fails as a broken connection
 * would (SQLState 08006) without committing, after every statement of the transaction has run on the server. The
 * database itself is not imitated: it rolls back as it would.
 */
final class FaultyDataSource {
    private final DataSource real;
    private final AtomicBoolean failNextCommit = new AtomicBoolean();

    FaultyDataSource(DataSource real) {
        this.real = real;
    }

    void failNextCommit() {
        failNextCommit.set(true);
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                forward((method, args) -> {
                    Object result = method.invoke(real, args);
                    return result instanceof Connection c && method.getName().equals("getConnection")
                            ? connection(c) : result;
                }));
    }

    private Connection connection(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                forward((method, args) -> {
                    if (method.getName().equals("commit") && failNextCommit.compareAndSet(true, false)) {
                        throw new SQLException("injected: the connection broke at commit", "08006");
                    }
                    return method.invoke(real, args);
                }));
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static InvocationHandler forward(Call call) {
        return (proxy, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
