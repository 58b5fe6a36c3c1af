"""Two versions of one model for the auto-reload tests: the same structure (so the same call instance paths)
with different widths, hence different parameter counts. Writes narrow.pt and wide.pt into DIR and prints
their parameter counts as PyTorch counts them: {"narrow": N, "wide": M}."""
import json
import os
import sys

import torch


class Block(torch.nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.fc = torch.nn.Linear(width, width)
        self.act = torch.nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.fc(x))


class Net(torch.nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.inp = torch.nn.Linear(4, width)
        self.body = torch.nn.Sequential(Block(width), Block(width))
        self.out = torch.nn.Linear(width, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.body(self.inp(x)))

    @torch.jit.export
    def embed(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(self.inp(x))


def main():
    out = sys.argv[1]
    torch.manual_seed(0)
    counts = {}
    for name, width in (("narrow", 8), ("wide", 16)):
        net = Net(width).eval()
        torch.jit.save(torch.jit.script(net), os.path.join(out, name + ".pt"))
        counts[name] = sum(p.numel() for p in net.parameters())
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
