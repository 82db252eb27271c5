#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=10,4 --fabric-offsets=4,1 \
  --params=width:3,height:2,H:9,W:12,K:3 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
