"""Shapes shared by worker.py: the block's size from the artifact's out.json."""
import json


def block_of(name):
    with open(f"{name}/out.json", encoding="utf-8") as f:
        p = json.load(f)["params"]
    return int(p["width"]), int(p["height"]), int(p["n"])
