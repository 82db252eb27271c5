#!/usr/bin/env cs_python
"""nbody-bcast: a Plummer-like cluster of P * nb bodies advanced 1, then 4 more steps
(state kept on the device, a zero-step launch in between must change nothing), checked
against a float64 model of the same scheme (all-pairs with softening, v += a dt then
x += v dt) within float32 accuracy; momentum is conserved up to rounding."""
import argparse
import json

import numpy as np

from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, MemcpyDataType, MemcpyOrder

parser = argparse.ArgumentParser()
parser.add_argument("--name", help="the compile output directory")
parser.add_argument("--cmaddr", help="IP:port of a CS system")
args = parser.parse_args()

with open(f"{args.name}/out.json", encoding="utf-8") as f:
    params = json.load(f)["params"]
P, nb = int(params["P"]), int(params["nb"])
N = P * nb
f32 = MemcpyDataType.MEMCPY_32BIT
ROW = MemcpyOrder.ROW_MAJOR

runner = SdkRuntime(args.name, cmaddr=args.cmaddr)
state_id = runner.get_id("state")
runner.load()
runner.run()
rng = np.random.default_rng(17)

pos = rng.normal(0, 1, size=(N, 3))
vel = rng.normal(0, 0.3, size=(N, 3))
mass = rng.uniform(0.5, 1.5, size=N)
vel -= (mass[:, None] * vel).sum(0) / mass.sum()
dt, soft = 0.01, 0.1


def pack(pos, vel, mass):
    """Per PE: x y z m vx vy vz, nb values each."""
    out = np.zeros((P, 7, nb), dtype=np.float32)
    for p in range(P):
        s = slice(p * nb, (p + 1) * nb)
        out[p, 0:3] = pos[s].T
        out[p, 3] = mass[s]
        out[p, 4:7] = vel[s].T
    return out.ravel()


def unpack(flat):
    st = flat.reshape(P, 7, nb)
    pos = np.concatenate([st[p, 0:3].T for p in range(P)])
    vel = np.concatenate([st[p, 4:7].T for p in range(P)])
    mass = np.concatenate([st[p, 3] for p in range(P)])
    return pos, vel, mass


def model(pos, vel, steps):
    pos, vel = pos.copy(), vel.copy()
    for _ in range(steps):
        d = pos[None, :, :] - pos[:, None, :]          # d[i, j] = x_j - x_i
        r2 = (d ** 2).sum(-1) + soft ** 2
        a = (d * (mass[None, :] / (r2 * np.sqrt(r2)))[:, :, None]).sum(1)
        vel += a * dt
        pos += vel * dt
    return pos, vel


def read():
    flat = np.zeros(P * 7 * nb, dtype=np.float32)
    runner.memcpy_d2h(flat, state_id, 0, 0, P, 1, 7 * nb, streaming=False, order=ROW,
                      data_type=f32, nonblock=False)
    return flat


start = pack(pos, vel, mass)
runner.memcpy_h2d(state_id, start, 0, 0, P, 1, 7 * nb, streaming=False, order=ROW,
                  data_type=f32, nonblock=False)
p32, v32, m32 = unpack(start)
ref_pos, ref_vel = p32.astype(np.float64), v32.astype(np.float64)
mass = m32.astype(np.float64)
done = 0
for steps in (1, 0, 4):
    before = read()
    runner.launch("simulate", np.uint16(steps), np.float32(dt), np.float32(soft), nonblock=False)
    after = read()
    if steps == 0:
        assert (after == before).all(), "a zero-step launch changed the state"
        continue
    ref_pos, ref_vel = model(ref_pos, ref_vel, steps)
    done += steps
    gp, gv, gm = unpack(after)
    assert (gm == m32).all(), "masses changed"
    np.testing.assert_allclose(gv, ref_vel, rtol=1e-4, atol=2e-5, err_msg=f"velocities after {done}")
    np.testing.assert_allclose(gp, ref_pos, rtol=1e-5, atol=2e-6, err_msg=f"positions after {done}")
    mom = (gm[:, None].astype(np.float64) * gv).sum(0)
    assert np.abs(mom).max() < 1e-4, f"momentum {mom}"
    print(f"{done} steps: {N} bodies match, max |dv| {np.abs(gv - ref_vel).max():.2e}, "
          f"momentum {np.abs(mom).max():.1e}")
runner.stop()
print("SUCCESS!")
