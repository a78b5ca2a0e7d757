package io.dpnet.onnx;

import io.dpnet.nn.Shape;

/** A tensor of the graph by its name, with the shape of one sample: the tensor is [N, shape...]. */
record Tensor(String name, Shape shape) {

    boolean isFlat() {
        return shape.rank() == 1;
    }
}
