#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=11,4 --fabric-offsets=4,1 \
  --params=half:4,chunk:5 -o out --memcpy --channels 1
cs_python run.py --name out
