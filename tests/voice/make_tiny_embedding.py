# Writes a tiny ONNX "speaker-embedding network" for the tests: the mean of
# the [1, frames, 80] log mel input over time, times a fixed 80 x 16 matrix
# W[i][j] = cos(0.1 (i+1) (j+1)) (times `scale`, so that two networks differ).
#   python3 make_tiny_embedding.py OUT.onnx [SCALE]
import sys
import numpy as np
import onnx
from onnx import helper, TensorProto, numpy_helper
bins, dim = 80, 16
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
W = (scale * np.array([[np.cos(0.1 * (i + 1) * (j + 1)) for j in range(dim)] for i in range(bins)])).astype(np.float32)
x = helper.make_tensor_value_info("feats", TensorProto.FLOAT, [1, "T", bins])
y = helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [1, dim])
nodes = [helper.make_node("Transpose", ["feats"], ["ft"], perm=[0, 2, 1]),
         helper.make_node("GlobalAveragePool", ["ft"], ["pooled"]),
         helper.make_node("Flatten", ["pooled"], ["flat"], axis=1),
         helper.make_node("MatMul", ["flat", "W"], ["embedding"])]
g = helper.make_graph(nodes, "tiny", [x], [y], [numpy_helper.from_array(W, "W")])
m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(m)
onnx.save(m, sys.argv[1])
