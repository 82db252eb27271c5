#!/usr/bin/env bash
set -e

cslc --arch=wse3 ./layout.csl --fabric-dims=10,9 --fabric-offsets=4,2 \
  -o out --memcpy --channels=8
