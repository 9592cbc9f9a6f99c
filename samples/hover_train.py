"""A training script whose comments name papers (used by test/integration/hover.test.ts)."""

import os

os.environ["CUDA_VISIBLE_DEVICES"] = "0"  # CUDA 12 toolkit, not the paper


def train(model, data, epochs=3):
    # fine-tune with SaRA: only the smallest-magnitude weights are updated
    for _ in range(epochs):
        for batch in data:
            model.step(batch)
    return model
