#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=11,5 --fabric-offsets=4,1 \
  --params=width:4,height:3,n:6 -o big --memcpy --channels=1
cslc --arch=wse3 ./layout.csl --fabric-dims=10,4 --fabric-offsets=5,2 \
  --params=width:2,height:1,n:3 -o small --memcpy --channels=1
cs_python run.py --name big --other small
