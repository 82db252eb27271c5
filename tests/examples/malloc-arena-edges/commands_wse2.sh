#!/usr/bin/env bash
set -e

# An odd arena size, so a 32-bit request at the end can miss by one word.
cslc --arch=wse2 ./layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 \
  --params=words:101,steps:12 -o out --memcpy --channels 1
cs_python run.py --name out
