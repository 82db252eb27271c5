#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 -o out --memcpy --channels 1 \
  --params=big_dec:18446744065425036920,big_hex:0x8000000000000007,small:9
cs_python run.py --name out
