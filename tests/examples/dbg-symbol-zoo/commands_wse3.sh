#!/usr/bin/env bash
set -e

cslc --arch=wse3 --fp16-format=bf16 ./layout.csl --fabric-dims=14,7 --fabric-offsets=6,3 \
  -o out --memcpy --channels 1
cs_python run.py --name out
