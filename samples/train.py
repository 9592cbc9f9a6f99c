"""Fine-tunes a small diffusion model on the sample data."""

import os

# Pin the job to one GPU; CUDA here is the toolkit, not a paper.
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "0")


def train(model, data, epochs=3):
    # fine-tune with SaRA: only the smallest-magnitude weights are updated
    for _ in range(epochs):
        for batch in data:
            model.step(batch)
    return model


if __name__ == "__main__":
    # the filtered pool follows DataComp's medium scale
    print("see notes.md")
