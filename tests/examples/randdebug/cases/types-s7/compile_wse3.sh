#!/usr/bin/env bash
set -e
cslc --arch=wse3 ./layout.csl --fabric-dims=103,90 --fabric-offsets=86,49 --fp16-format=bf16 --link-section-start-address-bytes=.hi:36466 -o out --memcpy --channels 1
