#!/usr/bin/env bash
set -e

# A 7x1 row: east/west links.
cslc --arch=wse3 ./layout.csl --fabric-dims=14,3 --fabric-offsets=4,1 \
  --params=width:7,height:1,n:13 -o out --memcpy --channels=1
cs_python run.py --name out
