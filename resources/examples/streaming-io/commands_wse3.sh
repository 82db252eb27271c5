#!/usr/bin/env bash

set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=11,3 --fabric-offsets=4,1 \
--params=width:4,samples:24,MEMCPYH2D_DATA_1_ID:4,MEMCPYD2H_DATA_1_ID:5 -o out --memcpy --channels 1
cs_python run.py --name out
