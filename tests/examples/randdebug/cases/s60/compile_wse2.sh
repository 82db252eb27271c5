#!/usr/bin/env bash
set -e
cslc --arch=wse2 ./layout.csl --fabric-dims=15,7 --fabric-offsets=6,2 --fp16-format=bf16 --link-section-start-address-bytes=.hi:36416 -o out --memcpy --channels 1
