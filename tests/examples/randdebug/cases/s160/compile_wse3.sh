#!/usr/bin/env bash
set -e
cslc --arch=wse3 ./layout.csl --fabric-dims=8,6 --fabric-offsets=4,1 --fp16-format=bf16 --link-section-start-address-bytes=.hi:44810 -o out --memcpy --channels 1
