#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=23,18 --fabric-offsets=4,1 \
  --params=W:16,H:16,n:64 -o out --memcpy --channels 2
cs_python run.py --name out
