# Writes test/golden/cases/fuzz_inplace.txt: seeded random in-place ops written through views of a base tensor
# (transposed, stepped, narrowed, offset blocks, permuted, size-1 and empty dims), with unary and binary ops over
# every dtype, broadcast and aliasing operands, and sizes that take the WebAssembly kernels. Each case prints the base
# afterwards, so a write that lands outside the view, or misses part of it, shows. Regenerate with:
#     python3 test/golden/fuzz_inplace.py > test/golden/cases/fuzz_inplace.txt && npm run golden -- fuzz_inplace
import random

SEED = 11
CASES = 300
DT = ['torch.float32', 'torch.float64', 'torch.int64', 'torch.int32', 'torch.bool']
BIN = ['add', 'sub', 'mul', 'div', 'eq', 'lt', 'ge', 'logical_and', 'logical_xor', 'bitwise_and', 'bitwise_or', 'floor_divide', 'remainder', 'fmod', 'pow']
# Exact unary ops only: transcendental float32 results may differ from PyTorch's vectorised math in the last bit.
UN = ['neg', 'abs', 'relu', 'floor', 'ceil', 'trunc', 'round', 'sign', 'square', 'reciprocal', 'sqrt', 'frac', 'logical_not', 'bitwise_not']
# Transcendental ones print their values as lists (compared within float tolerance).
UN_MATH = ['exp', 'tanh', 'sigmoid', 'log', 'sin']

R = random.Random(SEED)

def base(dt, shape):
    n = 1
    for s in shape: n *= s
    if dt == 'torch.bool':
        return f'torch.arange({n}).remainder(3).eq(1).reshape([{", ".join(map(str, shape))}])'
    start = R.choice(['-7', '-3', '0', '-50'])
    step = R.choice(['1', '2']) if dt in ('torch.int64', 'torch.int32') else R.choice(['0.5', '0.25', '1.5', '-0.75'])
    t = f'torch.arange({n}, {{ dtype: {dt} }}).mul({step}).add({start})' if dt in ('torch.float32', 'torch.float64') else \
        f'torch.arange({n}, {{ dtype: {dt} }}).mul({step}).add({start})'
    return f'{t}.reshape([{", ".join(map(str, shape))}])'

def view_of(shape):
    """A view expression of a base with `shape` (2 or 3 dims), and the view's shape."""
    r = R.random()
    nd = len(shape)
    if r < 0.2: return '.t()' if nd == 2 else '.transpose(0, 2)', (shape[::-1] if nd == 2 else [shape[2], shape[1], shape[0]])
    if r < 0.35: return '.getitem("::2")', [(shape[0] + 1) // 2] + shape[1:]
    if r < 0.5: return f'.narrow(0, 1, {shape[0] - 1})', [shape[0] - 1] + shape[1:]
    if r < 0.6: return f'.narrow({nd - 1}, 1, {shape[-1] - 2})', shape[:-1] + [shape[-1] - 2]
    if r < 0.7 and nd == 3: return '.permute(1, 2, 0)', [shape[1], shape[2], shape[0]]
    if r < 0.8: return '.getitem("1:")' , [shape[0] - 1] + shape[1:]
    if r < 0.85: return '.unsqueeze(1)', [shape[0], 1] + shape[1:]
    return '', shape

def other(dt, shape):
    r = R.random()
    if r < 0.25: return R.choice(['2', '-1', '0.5', '3', 'true', '-2.5'])
    sh = list(shape)
    if r < 0.45 and sh: sh = sh[1:]
    elif r < 0.6 and sh: sh[R.randrange(len(sh))] = 1
    odt = dt if R.random() < 0.7 else R.choice(DT)
    n = 1
    for s in sh: n *= s
    if odt == 'torch.bool': return f'torch.arange({n}).remainder(2).eq(0).reshape([{", ".join(map(str, sh))}])'
    return f'torch.arange({n}, {{ dtype: {odt} }}).remainder(5).sub(2).reshape([{", ".join(map(str, sh))}])'

def case(i):
    dt = R.choice(DT)
    big = R.random() < 0.2
    shape = [R.choice([3, 4, 5]) for _ in range(R.choice([2, 2, 3]))]
    if big: shape = [R.choice([40, 64, 70]), R.choice([40, 64, 33])]
    v, vshape = view_of(shape)
    L = [f'const b = {base(dt, shape)};', f'const v = b{v};']
    kind = R.random()
    math = False
    if kind < 0.4:
        op = R.choice(UN)
        if R.random() < 0.2 and dt in ('torch.float32', 'torch.float64'): op = R.choice(UN_MATH); math = True
        L.append(f'v.{op}_();')
    elif kind < 0.5:
        op = R.choice(BIN)
        # Integer powers of the tensor by itself leave int64's 53 exact bits (the engine holds int64 in doubles).
        if op == 'pow' and dt in ('torch.int64', 'torch.int32'): op = 'mul'
        L.append(f'v.{op}_(v);')
    else:
        op = R.choice(BIN)
        L.append(f'v.{op}_({other(dt, vshape)});')
    if big or math:
        L.append('[b.getitem([":3", ":5"]), b.getitem(["-2:", "-3:"]), v.stride(), b._version].toString()' if False else
                 '[b.getitem([":3", ":5"]).tolist(), b.getitem(["-2:", "-3:"]).tolist(), v.stride(), b._version]' if math else
                 '[b.getitem([":3", ":5"]), b.getitem(["-2:", "-3:"]), b.sum(), v.stride(), b._version]')
    else:
        L.append('[b, v.stride(), b._version]')
    return f'## fuzz inplace {i} {op}\n' + '\n'.join(L) + '\n'

print('// Seeded random in-place ops through views, written by test/golden/fuzz_inplace.py (do not edit by hand).\n')
print('\n'.join(case(i) for i in range(CASES)))
