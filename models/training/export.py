"""ONNX export (opset 14, dynamic batch/sequence axes, int64 `input_ids`/`attention_mask` (and `rule_ids` for
models that take rule features) -> `logits`)."""

import torch
import onnx

from model import ExportWrapper


def export_onnx(tagger, path, opset=14):
    tagger.eval()
    wrapper = ExportWrapper(tagger).eval()
    # Example with two different lengths so nothing about padding or batch size gets baked in.
    input_ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]], dtype=torch.long)
    attention_mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    inputs, names = (input_ids, attention_mask), ["input_ids", "attention_mask"]
    if tagger.rule_embed is not None:
        rule_ids = torch.tensor([[0, 1, 2, 3, 0], [0, 4, 0, 0, 0]], dtype=torch.long)
        inputs, names = inputs + (rule_ids,), names + ["rule_ids"]
    axes = {"batch_size": 0, "sequence_length": 1}
    torch.onnx.export(
        wrapper,
        inputs,
        str(path),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={name: {v: k for k, v in axes.items()} for name in names + ["logits"]},
        opset_version=opset,
        do_constant_folding=True,
    )
    model = onnx.load(str(path))
    onnx.checker.check_model(model)
    # Drop doc strings (they hold local file paths).
    for node in model.graph.node:
        node.doc_string = ""
    model.producer_name = "plod-tagger/models/training"
    onnx.save(model, str(path))
    return wrapper
