#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=15,8 --fabric-offsets=4,1 \
  --params=W:8,H:6,M:20,K:6 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
