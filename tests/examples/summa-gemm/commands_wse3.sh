#!/usr/bin/env bash
set -e

cslc ./layout.csl --fabric-dims=11,6 --fabric-offsets=4,1 \
  --params=P:4,Mt:3,Kt:4,Nt:5 -o out --memcpy --channels 1 --arch=wse3
cs_python run.py --name out
