#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=11,3 --fabric-offsets=4,1 \
  --params=P:4,D:32,H:24,O:16 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
