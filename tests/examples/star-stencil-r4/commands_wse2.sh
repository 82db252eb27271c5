#!/usr/bin/env bash
set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=19,14 --fabric-offsets=4,1 \
  --params=width:12,height:12,nz:10 -o out --memcpy --channels 2
cs_python run.py --name out
