/**
 * Export of trained networks to ONNX, the format that serving runtimes read (ONNX Runtime, TensorRT, OpenCV's DNN
 * module, ...): {@link io.dpnet.onnx.OnnxExport}. Built on the network specs and parameters of {@code io.dpnet.nn}
 * alone, without Spark; the protobuf messages are ONNX's own classes (Tribuo's {@code tribuo-util-onnx}).
 */
package io.dpnet.onnx;
