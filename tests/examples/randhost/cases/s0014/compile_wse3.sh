#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=23,9 --fabric-offsets=4,2 \
  -o out --memcpy --channels=1 --width-west-buf=0 --width-east-buf=1
