package io.dpnet.ml;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Calls a stage's public methods by name, as a program written against one class would call them on the other: a
 * parity test that passes for MultilayerPerceptronClassifier and NeuralNetClassifier alike shows that both have the
 * method, with the same parameter type, and that it behaves the same. Exceptions come out unwrapped.
 */
final class Api {
    private Api() {
    }

    static Object call(Object target, String name, Object... args) {
        Method method = Arrays.stream(target.getClass().getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length && !m.isBridge())
                .findFirst()
                .orElseThrow(() -> new AssertionError(target.getClass().getSimpleName() + " has no public " + name
                        + " taking " + args.length + " arguments"));
        return invoke(method, target, args);
    }

    /** The class's static {@code load(path)}, as Spark's own readers find it. */
    static Object load(Class<?> type, String path) {
        try {
            return invoke(type.getMethod("load", String.class), null, path);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " has no static load(String)", e);
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw Api.<RuntimeException>unchecked(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** Throws {@code t} as it is, checked or not (Scala methods such as {@code summary} throw checked ones). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T unchecked(Throwable t) throws T {
        throw (T) t;
    }
}
