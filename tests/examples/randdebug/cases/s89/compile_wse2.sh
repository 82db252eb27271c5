#!/usr/bin/env bash
set -e
cslc --arch=wse2 ./layout.csl --fabric-dims=12,7 --fabric-offsets=7,3 --fp16-format=bf16 --link-section-start-address-bytes=.hi:36624 -o out --memcpy --channels 1
