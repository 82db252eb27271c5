#!/usr/bin/env cs_python
"""hostile-json-values: writes cfg.json with Python's json.dump (non-ASCII letters become
\\uXXXX escapes, quotes and control characters are escaped), as scripts that generate
cslc configs do. run.py reads the same file back with json.load for the expected values."""
import json

CONFIG = {
    "scale:f32": 2.5,
    "offsets:[4]i16": [-3, 0, 7, -32768],
    "count:u32": 4000000000,
    "tiny:f32": 1e-40,
    "negz:f32": -0.0,
    "big:f32": 3.4e38,
    "flag:bool": True,
    "label:comptime_string": "Grüße, \"quoted\"\tand a line end\n",
    "inner:comptime_struct": {"k:u16": 65535, "w:[3]f32": [0.5, -1.25, 1e3]},
}

if __name__ == "__main__":
    with open("cfg.json", "w", encoding="utf-8") as f:
        json.dump(CONFIG, f, indent=2)
    print("cfg.json written")
