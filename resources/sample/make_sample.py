#!/usr/bin/python3
"""Build sample.pt, the small TorchScript model that JitScope offers on its start page.

    /usr/bin/python3 resources/sample/make_sample.py [OUTPUT]     (default: sample.pt next to this file)

The model is a toy image classifier with random weights: it classifies nothing, but it shows what
JitScope displays for a real model -- nested submodules, a data-dependent `if`, a `for` loop, and a
JSON file stored inside the archive.  Input: one 3x32x32 image, shape [1, 3, 32, 32].  Output: 10 scores.
"""

import json
import os
import sys

# TorchScript writes some attributes in an order that depends on Python's string hashing; fixing the
# hash seed makes every run write exactly the same file.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import torch
from torch import nn


class ConvBnReLU(nn.Module):
    """3x3 convolution, batch normalisation, ReLU."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.bn(self.conv(x)))


class Encoder(nn.Module):
    """Two blocks: 3 -> 16 channels at 32x32, then 16 -> 32 channels at 16x16."""

    def __init__(self):
        super().__init__()
        self.block1 = ConvBnReLU(3, 16)
        self.block2 = ConvBnReLU(16, 32, stride=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.block2(self.block1(x))


class Head(nn.Module):
    """Global average pooling and a small classifier."""

    def __init__(self, channels: int, num_classes: int):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Linear(channels, 64)
        self.fc2 = nn.Linear(64, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(x).flatten(1)
        return self.fc2(torch.relu(self.fc1(x)))


class SampleNet(nn.Module):
    def __init__(self, refine_steps: int = 2, num_classes: int = 10):
        super().__init__()
        self.encoder = Encoder()
        self.refine = ConvBnReLU(32, 32)
        self.head = Head(32, num_classes)
        self.refine_steps = refine_steps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # A data-dependent branch: which way it goes depends on the input's values,
        # so TorchScript keeps both sides (prim::If).
        if bool(x.mean() < 0.0):
            x = x - x.mean()
        features = self.encoder(x)
        # A loop whose count is an attribute of the module (prim::Loop).
        for _ in range(self.refine_steps):
            features = features + self.refine(features)
        return self.head(features)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample.pt")
    torch.manual_seed(0)
    model = torch.jit.script(SampleNet().eval())

    description = {
        "description": "JitScope sample: a small image classifier with random weights",
        "inputs": [{"name": "x", "shape": [1, 3, 32, 32], "dtype": "float32"}],
        "outputs": [{"name": "scores", "shape": [1, 10], "dtype": "float32"}],
        "made_by": "resources/sample/make_sample.py",
    }
    torch.jit.save(model, out, _extra_files={"jitscope_sample.json": json.dumps(description, indent=2)})

    # Check the saved file the way JitScope will use it.
    loaded = torch.jit.load(out)
    with torch.no_grad():
        scores = loaded(torch.randn(1, 3, 32, 32))
    assert scores.shape == (1, 10)
    print("wrote %s (%d bytes)" % (out, os.path.getsize(out)))


if __name__ == "__main__":
    main()
