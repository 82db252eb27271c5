#!/usr/bin/env bash
set -e

# A 1x9 column: north/south links, 3 memcpy channels.
cslc --arch=wse2 ./layout.csl --fabric-dims=8,11 --fabric-offsets=4,1 \
  --params=width:1,height:9,n:13 -o out --memcpy --channels=3
cs_python run.py --name out
