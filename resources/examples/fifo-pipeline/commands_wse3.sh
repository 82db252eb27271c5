#!/usr/bin/env bash

set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=10,3 --fabric-offsets=4,1 \
--params=width:3,count:48,fifo_len:48,MEMCPYH2D_DATA_1_ID:0,MEMCPYD2H_DATA_1_ID:3 \
-o out --memcpy --channels 1
cs_python run.py --name out
