#!/usr/bin/python3
"""Big scripted models for bench/layout_bench (kept out of git): layout_models.py OUTDIR"""
import os, sys, torch, torchvision

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
t = torch.nn.Transformer()  # 6 encoder + 6 decoder layers
t.eval()
torch.jit.script(t).save(os.path.join(out, "transformer_scripted.pt"))
m = torchvision.models.detection.maskrcnn_resnet50_fpn(weights=None, weights_backbone=None)
m.eval()
torch.jit.script(m).save(os.path.join(out, "maskrcnn_scripted.pt"))
