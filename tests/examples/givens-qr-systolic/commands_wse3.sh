#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=15,9 --fabric-offsets=4,1 \
  --params=M:40,N:7 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
