#!/usr/bin/env python3
r"""int8 dynamic quantization of an fp32 ONNX model by graph rewrite (no onnxruntime needed), the same
rewrite onnxruntime's `quantize_dynamic` does:

* MatMul(A, W) with a constant 2-D W of at least `min_matmul_elements` (4096) numbers  ->
  DynamicQuantizeLinear(A) -> MatMulInteger(A_u8, W_i8, A_zp, 0) -> Cast(float) -> Mul(A_scale * w_scale[col]);
  int8 symmetric weights, one scale per column. (Smaller ones, like a 256x4 classifier, stay fp32: the
  rewrite would save a few kB and cost time.)
* Gather(T, ids) with a large constant float T: T becomes int8 with one symmetric scale per column
  (feature). `gather_mode` picks how it is dequantized:
  - "cast_mul" (default): Gather(T_i8, ids) -> Cast(float) -> Mul(scale[col]). Same numbers as
    DequantizeLinear with a zero zero-point; measured fastest in onnxruntime-node 1.30.
  - "gather_dequantize": Gather(T_i8, ids) -> DequantizeLinear(scale[col], 0, axis=-1) (per-axis
    DequantizeLinear on the gathered rows was ~2x slower than the whole fp32 model here).
  - "dequantize_table": DequantizeLinear(T_i8, scale, 0, axis=1) -> Gather.
* LSTM with constant W/R  ->  com.microsoft DynamicQuantizeLSTM (onnxruntime contrib op, CPU) with int8 W/R,
  one scale per gate row, laid out as onnxruntime's own quantizer emits it (`lstm=True`, the default;
  `--no-lstm` keeps the LSTMs fp32).

    ${PYTHON:-python3} models/training/quantize.py models/plod-base/onnx/model.onnx \
        models/plod-base/onnx/model_quantized.onnx
"""

import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def _sym_int8(w, axis):
    """Symmetric int8 per-slice quantization; `axis` is the axis that keeps one scale per index."""
    reduce_axes = tuple(i for i in range(w.ndim) if i != axis)
    amax = np.abs(w).max(axis=reduce_axes)
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    shape = [1] * w.ndim
    shape[axis] = -1
    q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
    return q, scale


def quantize_model(model, min_gather_elements=65536, min_matmul_elements=4096, lstm=True, gather_mode="cast_mul"):
    graph = model.graph
    inits = {init.name: init for init in graph.initializer}
    # Constants that torch exported as Constant nodes count as initializers too.
    const_nodes = {}
    for node in graph.node:
        if node.op_type == "Constant" and len(node.output) == 1:
            for attr in node.attribute:
                if attr.name == "value":
                    const_nodes[node.output[0]] = (node, attr.t)

    def const_value(name):
        if name in inits:
            return numpy_helper.to_array(inits[name])
        if name in const_nodes:
            return numpy_helper.to_array(const_nodes[name][1])
        return None

    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers[name] = consumers.get(name, 0) + 1

    new_nodes, new_inits, removed = [], [], set()
    stats = {"matmul": 0, "gather": 0, "lstm": 0}
    for node in graph.node:
        if node.op_type == "MatMul":
            w = const_value(node.input[1])
            if w is not None and w.ndim == 2 and w.dtype == np.float32 and w.size >= min_matmul_elements:
                base = node.output[0] + "_q"
                q, scale = _sym_int8(w, axis=1)
                new_inits += [
                    numpy_helper.from_array(q, base + "_W_int8"),
                    numpy_helper.from_array(np.zeros(w.shape[1], dtype=np.int8), base + "_W_zp"),
                    numpy_helper.from_array(scale, base + "_W_scale"),
                ]
                a = node.input[0]
                new_nodes += [
                    helper.make_node("DynamicQuantizeLinear", [a], [base + "_A_u8", base + "_A_scale", base + "_A_zp"],
                                     name=base + "_dql"),
                    helper.make_node("MatMulInteger",
                                     [base + "_A_u8", base + "_W_int8", base + "_A_zp", base + "_W_zp"],
                                     [base + "_i32"], name=base + "_mmi"),
                    helper.make_node("Cast", [base + "_i32"], [base + "_f32"], to=TensorProto.FLOAT,
                                     name=base + "_cast"),
                    helper.make_node("Mul", [base + "_A_scale", base + "_W_scale"], [base + "_scale"],
                                     name=base + "_scale_mul"),
                    helper.make_node("Mul", [base + "_f32", base + "_scale"], [node.output[0]], name=base + "_mul"),
                ]
                if consumers.get(node.input[1], 0) == 1:
                    removed.add(node.input[1])
                stats["matmul"] += 1
                continue
        if node.op_type == "Gather":
            t = const_value(node.input[0])
            axis = next((a.i for a in node.attribute if a.name == "axis"), 0)
            large = t is not None and t.dtype == np.float32 and t.ndim == 2 and t.size >= min_gather_elements
            if large and axis == 0:
                base = node.output[0] + "_q"
                q, scale = _sym_int8(t, axis=1)
                new_inits += [
                    numpy_helper.from_array(q, base + "_T_int8"),
                    numpy_helper.from_array(scale, base + "_T_scale"),
                ]
                if gather_mode != "cast_mul":
                    new_inits.append(numpy_helper.from_array(np.zeros(t.shape[1], dtype=np.int8), base + "_T_zp"))
                if gather_mode == "dequantize_table":
                    # DequantizeLinear of the whole int8 table, then the original Gather: small file, and
                    # faster in onnxruntime than a per-axis DequantizeLinear on the gathered rows.
                    new_nodes += [
                        helper.make_node("DequantizeLinear", [base + "_T_int8", base + "_T_scale", base + "_T_zp"],
                                         [base + "_T_f32"], axis=1, name=base + "_dq"),
                        helper.make_node("Gather", [base + "_T_f32", node.input[1]], [node.output[0]], axis=0,
                                         name=base + "_gather"),
                    ]
                elif gather_mode == "cast_mul":
                    new_nodes += [
                        helper.make_node("Gather", [base + "_T_int8", node.input[1]], [base + "_g"], axis=0,
                                         name=base + "_gather"),
                        helper.make_node("Cast", [base + "_g"], [base + "_gf"], to=TensorProto.FLOAT,
                                         name=base + "_cast"),
                        helper.make_node("Mul", [base + "_gf", base + "_T_scale"], [node.output[0]],
                                         name=base + "_mul"),
                    ]
                else:  # "gather_dequantize"
                    new_nodes += [
                        helper.make_node("Gather", [base + "_T_int8", node.input[1]], [base + "_g"], axis=0,
                                         name=base + "_gather"),
                        helper.make_node("DequantizeLinear", [base + "_g", base + "_T_scale", base + "_T_zp"],
                                         [node.output[0]], axis=-1, name=base + "_dq"),
                    ]
                if consumers.get(node.input[0], 0) == 1:
                    removed.add(node.input[0])
                stats["gather"] += 1
                continue
        if node.op_type == "LSTM" and lstm:
            w = const_value(node.input[1])
            r = const_value(node.input[2])
            if w is not None and r is not None and w.ndim == 3 and r.ndim == 3:
                base = (node.name or node.output[0]) + "_q"
                quant = []
                for tag, arr in (("W", w), ("R", r)):
                    num_dir, rows, cols = arr.shape
                    q, scale = _sym_int8(arr.reshape(num_dir * rows, cols), axis=0)
                    q = np.ascontiguousarray(q.reshape(num_dir, rows, cols).transpose(0, 2, 1))
                    new_inits += [
                        numpy_helper.from_array(q, f"{base}_{tag}_int8"),
                        numpy_helper.from_array(scale.reshape(num_dir, rows), f"{base}_{tag}_scale"),
                        numpy_helper.from_array(np.zeros((num_dir, rows), dtype=np.int8), f"{base}_{tag}_zp"),
                    ]
                    quant.append(f"{base}_{tag}")
                inputs = [node.input[0], quant[0] + "_int8", quant[1] + "_int8"]
                inputs += [node.input[k] if len(node.input) > k else "" for k in range(3, 8)]
                inputs += [quant[0] + "_scale", quant[0] + "_zp", quant[1] + "_scale", quant[1] + "_zp"]
                qnode = helper.make_node("DynamicQuantizeLSTM", inputs, list(node.output), name=base,
                                         domain="com.microsoft")
                qnode.attribute.extend(node.attribute)
                new_nodes.append(qnode)
                for name in node.input[1:3]:
                    if consumers.get(name, 0) == 1:
                        removed.add(name)
                stats["lstm"] += 1
                continue
        new_nodes.append(node)

    if stats["lstm"] and not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    kept_nodes = [n for n in new_nodes if not (n.op_type == "Constant" and n.output[0] in removed)]
    kept_inits = [i for i in graph.initializer if i.name not in removed] + new_inits
    del graph.node[:]
    graph.node.extend(kept_nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept_inits)
    # Drop graph inputs that shadowed removed initializers (older exporters list them).
    kept_inputs = [i for i in graph.input if i.name not in removed]
    del graph.input[:]
    graph.input.extend(kept_inputs)
    return model, stats


def quantize_file(src, dst, lstm=True, **kwargs):
    model = onnx.load(str(src))
    model, stats = quantize_model(model, lstm=lstm, **kwargs)
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))
    return stats


if __name__ == "__main__":
    argv = [a for a in sys.argv[1:] if a != "--no-lstm"]
    if len(argv) != 2:
        sys.exit(__doc__)
    print(quantize_file(argv[0], argv[1], lstm="--no-lstm" not in sys.argv))
