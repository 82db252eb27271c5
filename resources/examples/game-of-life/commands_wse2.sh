#!/usr/bin/env bash

set -e

cslc --arch=wse2 ./layout.csl --fabric-dims=107,102 --fabric-offsets=4,1 \
--params=width:100,height:100 -o out --memcpy --channels 1
cs_python run.py --name out --iters 10
