#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,10 --fabric-offsets=4,1 \
  --params=w:8,h:8,n:496 -o out --memcpy --channels 1
cs_python run.py --name out
