#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=15,10 --fabric-offsets=4,1 \
  --params=P:8,Mt:4,Kt:5,Nt:3 -o out --memcpy --channels 4
cs_python run.py --name out
