/**
 * Network readers and writers: Reluplex {@code .nnet} ({@link org.nnmip.nnverify.io.NnetReader}), ONNX
 * ({@link org.nnmip.nnverify.io.OnnxReader}, classes generated from {@code src/main/proto/onnx.proto}), the nnmip
 * JSON format ({@link org.nnmip.nnverify.io.JsonNetworkFormat}, see {@code nnverify/FORMAT.md}) and
 * {@link org.nnmip.nnverify.io.NetworkFiles} dispatching on the extension. Format errors are checked
 * {@link org.nnmip.nnverify.io.NetworkFormatException}s naming the file and line or ONNX node.
 */
package org.nnmip.nnverify.io;
