package io.dpnet.ml;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import scala.Tuple2;

/**
 * A {@link DifferentiableFunction} as Breeze's {@code DiffFunction<DenseVector<Double>>}, so that Breeze's own
 * {@code LBFGS} (the one MLlib runs for MultilayerPerceptronClassifier) minimizes it.
 *
 * <p>No Java source can implement {@code DiffFunction}. It inherits two methods {@code apply(T)}: Scala's
 * {@code Function1.apply}, returning {@code Object}, and Breeze's {@code StochasticDiffFunction.apply}, returning
 * {@code double}. javac accepts neither return type for a class implementing both ("return type Object is not
 * compatible with double", and the converse), and {@code java.lang.reflect.Proxy} refuses the interface ("methods
 * with same signature apply(java.lang.Object) but incompatible return types"). The JVM has no such rule: a Scala class
 * file holds both methods. So this class, which does not name the interface, supplies every method a
 * {@code DiffFunction} lacks ({@code calculate}, {@code Function1}'s {@code apply} and {@code NumericOps}' untyped
 * {@code repr}), and a subclass of it that adds the interface and nothing else, written below as a 400-byte class
 * file, is defined once per class loader at run time. Breeze's default methods do the rest, {@code double apply}
 * among them.
 */
abstract class BreezeDiffFunction {
    /** Binary name of the generated subclass, in this package. */
    static final String SUBCLASS = BreezeDiffFunction.class.getName() + "$WithInterface";

    private final DifferentiableFunction f;

    BreezeDiffFunction(DifferentiableFunction f) {
        this.f = f;
    }

    /** {@code f} for Breeze. */
    @SuppressWarnings("unchecked")
    static DiffFunction<DenseVector<Object>> of(DifferentiableFunction f) {
        try {
            return (DiffFunction<DenseVector<Object>>) Subclass.CONSTRUCTOR.invoke(f);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("could not create Breeze's view of " + f, e);
        }
    }

    /** {@code DiffFunction.calculate}: the value at {@code point} (a DenseVector of doubles) and the gradient there. */
    public final Tuple2<Object, DenseVector<Object>> calculate(Object point) {
        double[] w = values((DenseVector<?>) point);
        double[] gradient = new double[w.length];
        double value = f.evaluate(w, gradient);
        return new Tuple2<>(value, new DenseVector<Object>(gradient));
    }

    /** A copy of the values of {@code x}, a Breeze vector of doubles (which may be a strided view). */
    static double[] values(DenseVector<?> x) {
        double[] values = new double[x.length()];
        double[] data = (double[]) x.data();
        for (int i = 0, at = x.offset(); i < values.length; i++, at += x.stride()) {
            values[i] = data[at];
        }
        return values;
    }

    /** {@code Function1.apply}, which Breeze implements as the value alone. */
    public final Object apply(Object point) {
        return calculate(point)._1();
    }

    /** {@code NumericOps.repr}, untyped; Breeze's typed ones are default methods. */
    public final Object repr() {
        return this;
    }

    @Override
    public String toString() {
        return "DiffFunction(" + f + ")";
    }

    /** The generated subclass, defined on first use. */
    private static final class Subclass {
        static final MethodHandle CONSTRUCTOR = define();

        private static MethodHandle define() {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                Class<?> type = lookup.defineClass(classFile(SUBCLASS.replace('.', '/'),
                        BreezeDiffFunction.class.getName().replace('.', '/'), "breeze/optimize/DiffFunction",
                        "(L" + DifferentiableFunction.class.getName().replace('.', '/') + ";)V"));
                return lookup.findConstructor(type, MethodType.methodType(void.class, DifferentiableFunction.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not define " + SUBCLASS, e);
            }
        }
    }

    /**
     * The class file of {@code final class name extends superName implements iface}, whose one constructor, of
     * type {@code constructor} with one reference argument, calls the superclass's constructor of the same type.
     * The format is the JVM specification's, chapter 4, at version 52 (Java 8): straight-line code needs no stack
     * map frames.
     */
    static byte[] classFile(String name, String superName, String iface, String constructor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0); // minor version
            out.writeShort(52); // major version
            // The constant pool, entries 1..11.
            out.writeShort(12);
            utf8(out, name); // 1
            classRef(out, 1); // 2
            utf8(out, superName); // 3
            classRef(out, 3); // 4
            utf8(out, iface); // 5
            classRef(out, 5); // 6
            utf8(out, "<init>"); // 7
            utf8(out, constructor); // 8
            out.writeByte(12); // 9: CONSTANT_NameAndType <init>, constructor
            out.writeShort(7);
            out.writeShort(8);
            out.writeByte(10); // 10: CONSTANT_Methodref superName.<init>
            out.writeShort(4);
            out.writeShort(9);
            utf8(out, "Code"); // 11
            out.writeShort(0x0010 | 0x0020 | 0x1000); // ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC
            out.writeShort(2); // this class
            out.writeShort(4); // superclass
            out.writeShort(1); // interfaces: iface
            out.writeShort(6);
            out.writeShort(0); // fields
            out.writeShort(1); // methods: the constructor
            out.writeShort(0x0001); // ACC_PUBLIC
            out.writeShort(7);
            out.writeShort(8);
            out.writeShort(1); // its one attribute, Code
            out.writeShort(11);
            // aload_0; aload_1; invokespecial #10; return
            byte[] code = {0x2a, 0x2b, (byte) 0xb7, 0, 10, (byte) 0xb1};
            out.writeInt(2 + 2 + 4 + code.length + 2 + 2);
            out.writeShort(2); // max stack
            out.writeShort(2); // max locals
            out.writeInt(code.length);
            out.write(code);
            out.writeShort(0); // exception table
            out.writeShort(0); // attributes of Code
            out.writeShort(0); // attributes of the class
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array
        }
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1); // CONSTANT_Utf8
        out.writeUTF(s); // modified UTF-8, as class files have it
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(7); // CONSTANT_Class
        out.writeShort(nameIndex);
    }
}
