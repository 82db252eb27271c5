#!/usr/bin/env cs_python
"""json-char-classes: each PE classifies and scores its own text; run.py models the same
rules (weights read from the same weights.json) and checks classes, scores and the run
statistics after three launches with different lengths."""
import argparse
import itertools
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder
from cerebras.sdk.sdk_utils import memcpy_view

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of an appliance")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
width, n = int(params["width"]), int(params["n"])
with open("weights.json", encoding="utf-8") as f:
    table = json.load(f)
weights = table["weights:[5]u32"]
hex_bonus = table["hex_bonus:u32"]
case_fold = table["case_fold:bool"]

TAGS = {"control": 1, "digit": 4, "letter": 9, "punct": 16, "other": 25}
SLOTS = ["control", "digit", "letter", "punct", "other"]
HEX = "0123456789abcdef"


def classify(code):
    if code <= 31:
        return "control"
    ch = chr(code) if code < 0x110000 else ""
    if "0" <= ch <= "9":
        return "digit"
    if "A" <= ch <= "Z" or "a" <= ch <= "z":
        return "letter"
    if "!" <= ch <= "~":  # what is left between ! and ~ is punctuation
        return "punct"
    return "other"


def hex_value(code):
    return HEX.index(chr(code)) if code < 128 and chr(code) in HEX else -1


def score(code):
    cls = classify(code)
    if cls == "control":
        return weights[0] * code
    if cls == "digit":
        return weights[1] * hex_value(code)
    if cls == "letter":
        folded = code | 0x20 if case_fold else code
        h = hex_value(folded)
        return hex_bonus + weights[2] * h if h >= 0 else weights[3] * folded
    if cls == "punct":
        return weights[4] * (code - 32)
    return 0


def model(text):
    classes = [classify(c) for c in text]
    scores = [score(c) for c in text]
    groups = [(cls, len(list(g))) for cls, g in itertools.groupby(classes)]
    runs = [length for cls, length in groups if cls != "other"]
    counts = [classes.count(s) for s in SLOTS]
    stats = [len(runs), max(runs, default=0), sum(scores) % 2**32] + counts
    return [TAGS[c] for c in classes], scores, stats


runner = SdkRuntime(args.name, cmaddr=args.cmaddr, suppress_simfab_trace=True)
text_id = runner.get_id("text")
classes_id = runner.get_id("classes")
scores_id = runner.get_id("scores")
stats_id = runner.get_id("stats")
runner.load()
runner.run()

u16 = MemcpyDataType.MEMCPY_16BIT
u32 = MemcpyDataType.MEMCPY_32BIT
row = MemcpyOrder.ROW_MAJOR
samples = [
    "Hello, World! 0x1F+42 == 73\t\n", "deadBEEF cafe 2024;;;  ~~", "\x01\x02abc   xyz99\x7f\x80Zz",
    "a", "", "   ", "0123456789ABCDEFabcdefGHIJ", "{[(<>)]}^_`|@?/\\", "Mixed\x1bEscape\x07Bell!",
]
rng = np.random.default_rng(8)
for launch, length in enumerate((n, n // 2, 1)):
    texts = []
    for x in range(width):
        base = samples[(x + 3 * launch) % len(samples)]
        extra = "".join(chr(int(c)) for c in rng.integers(0, 140, size=n))
        texts.append((base + extra)[:length].ljust(n, " "))
    words = np.array([[ord(c) for c in t] for t in texts], dtype=np.uint32).ravel()
    runner.memcpy_h2d(text_id, words, 0, 0, width, 1, n, streaming=False, order=row,
                      data_type=u16, nonblock=False)
    runner.launch("scan", np.uint16(length), nonblock=False)
    classes = np.zeros(width * n, dtype=np.uint32)
    runner.memcpy_d2h(classes, classes_id, 0, 0, width, 1, n, streaming=False, order=row,
                      data_type=u16, nonblock=False)
    classes = memcpy_view(classes, np.dtype(np.uint16)).reshape(width, n)
    scores = np.zeros(width * n, dtype=np.uint32)
    runner.memcpy_d2h(scores, scores_id, 0, 0, width, 1, n, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    scores = scores.reshape(width, n)
    stats = np.zeros(width * 8, dtype=np.uint32)
    runner.memcpy_d2h(stats, stats_id, 0, 0, width, 1, 8, streaming=False, order=row,
                      data_type=u32, nonblock=False)
    stats = stats.reshape(width, 8)
    for x in range(width):
        text = [ord(c) for c in texts[x][:length]]
        want_classes, want_scores, want_stats = model(text)
        where = f"launch {launch}, PE {x}, text {texts[x][:length]!r}"
        np.testing.assert_array_equal(classes[x, :length], want_classes, err_msg=where)
        np.testing.assert_array_equal(scores[x, :length], want_scores, err_msg=where)
        np.testing.assert_array_equal(stats[x], want_stats, err_msg=where)
runner.stop()
print("SUCCESS!")
