#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=23,14 --fabric-offsets=4,1 \
  --params=W:16,H:12,n:40 -o out --memcpy --channels 2
cs_python run.py --name out
