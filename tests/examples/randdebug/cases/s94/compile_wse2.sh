#!/usr/bin/env bash
set -e
cslc --arch=wse2 ./layout.csl --fabric-dims=17,9 --fabric-offsets=6,2 --fp16-format=bf16 --link-section-start-address-bytes=.hi:42950 -o out --memcpy --channels 1
