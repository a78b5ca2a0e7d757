package io.dpnet.ml;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;
import org.apache.xbean.asm9.Type;
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
 * {@code repr}), and a subclass of it that adds the interface and nothing else is generated with ASM and defined
 * once per class loader at run time. Breeze's default methods do the rest, {@code double apply} among them.
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
                Class<?> type = lookup.defineClass(classFile());
                return lookup.findConstructor(type, MethodType.methodType(void.class, DifferentiableFunction.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not define " + SUBCLASS, e);
            }
        }

        /**
         * {@code final class BreezeDiffFunction$WithInterface extends BreezeDiffFunction implements DiffFunction},
         * whose one constructor passes its function to this class's. Written with the ASM that Spark ships (for its
         * closure cleaner); straight-line code needs no stack map frames.
         */
        static byte[] classFile() {
            String superName = Type.getInternalName(BreezeDiffFunction.class);
            String constructor = Type.getMethodDescriptor(Type.VOID_TYPE, Type.getType(DifferentiableFunction.class));
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            writer.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                    SUBCLASS.replace('.', '/'), null, superName,
                    new String[] {Type.getInternalName(DiffFunction.class)});
            MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", constructor, null, null);
            init.visitCode();
            init.visitVarInsn(Opcodes.ALOAD, 0);
            init.visitVarInsn(Opcodes.ALOAD, 1);
            init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", constructor, false);
            init.visitInsn(Opcodes.RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();
            writer.visitEnd();
            return writer.toByteArray();
        }
    }
}
