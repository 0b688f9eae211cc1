"""ONNX export (opset 14, dynamic batch/sequence axes, int64 `input_ids`/`attention_mask` -> `logits`)."""

import torch
import onnx

from model import ExportWrapper


def export_onnx(tagger, path, opset=14):
    tagger.eval()
    wrapper = ExportWrapper(tagger).eval()
    # Example with two different lengths so nothing about padding or batch size gets baked in.
    input_ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]], dtype=torch.long)
    attention_mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    torch.onnx.export(
        wrapper,
        (input_ids, attention_mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"},
        },
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
