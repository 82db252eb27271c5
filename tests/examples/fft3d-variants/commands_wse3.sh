#!/usr/bin/env bash
set -e

# f16 on 8^3 over 2x2 PEs; f32 on 32^3 over 4x4 PEs; f32 on 8^3 over 8x8 PEs (one pencil);
# f32 on 8^3 on one PE; f16 on 16^3 over 8x8 PEs (two pencils).
cslc --arch=wse3 ./layout.csl --fabric-dims=9,4 --fabric-offsets=4,1 \
  --params=N:8,pencils:4,half:1 -o out_h8 --memcpy --channels 1
cs_python run.py --name out_h8
cslc --arch=wse3 ./layout.csl --fabric-dims=11,6 --fabric-offsets=4,1 \
  --params=N:32,pencils:8,half:0 -o out_s32 --memcpy --channels 1
cs_python run.py --name out_s32
cslc --arch=wse3 ./layout.csl --fabric-dims=15,10 --fabric-offsets=4,1 \
  --params=N:8,pencils:1,half:0 -o out_s8 --memcpy --channels 1
cs_python run.py --name out_s8
cslc --arch=wse3 ./layout.csl --fabric-dims=8,3 --fabric-offsets=4,1 \
  --params=N:8,pencils:8,half:0 -o out_s8_1pe --memcpy --channels 1
cs_python run.py --name out_s8_1pe
cslc --arch=wse3 ./layout.csl --fabric-dims=15,10 --fabric-offsets=4,1 \
  --params=N:16,pencils:2,half:1 -o out_h16 --memcpy --channels 1
cs_python run.py --name out_h16
