#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=21,4 --fabric-offsets=6,2 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=3
