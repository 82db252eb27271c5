#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=12,6 --fabric-offsets=4,1 \
  --params=W:5,H:4,La:7,Lb:6 -o out --memcpy --channels 1
cs_python run.py --name out
