# Writes test/golden/cases/fuzz_nn.txt: seeded random cases over torch.nn.functional (softmax family, losses with
# their weights/reductions/ignore_index/label_smoothing, activations, linear, dropout, pad, embedding, layer_norm,
# conv, pooling, batch_norm) and the products (matmul/mm/bmm/mv/dot/outer/einsum/addmm/baddbmm), on odd layouts,
# empty and 0-dim inputs, with their errors and gradients. The golden generator runs them through PyTorch:
#     python3 test/golden/fuzz_nn.py > test/golden/cases/fuzz_nn.txt && npm run golden -- fuzz_nn
# Float32 results of transcendental math or long sums are compared as lists (within tolerance), not as printed
# text: PyTorch's vectorised math may differ in the last bit. Gradients are taken in float64.
import random
import re

SEEDS = (11, 12, 13)
CASES_PER_SEED = 190
F32, F64 = 'torch.float32', 'torch.float64'
REDUCTIONS = ['"mean"', '"sum"', '"none"']

def num():
  # Three decimals make means land on a printed rounding tie (0.88125) less often than two.
  return R.choice(['%.3f' % R.uniform(-3, 3), '%.1f' % R.uniform(-2, 2), '0.5', '-1.5', '2.0', '0.0'])

def nested(shape, f=None):
  f = f or num
  if not shape: return f()
  return '[' + ', '.join(nested(shape[1:], f) for _ in range(shape[0])) + ']'

def tensor(name, shp, dt, grad=False, f=None, layout=True, expand=True):
  """Lines making `name` of shape shp (maybe through a transposed or stepped view); returns (lines, expr)."""
  g = ', requires_grad: true' if grad else ''
  f = f or num
  if 0 in shp:
    return [f'const {name} = torch.zeros([{", ".join(map(str, shp))}], {{ dtype: {dt}{g} }});'], name
  r = R.random() if layout else 1
  if len(shp) >= 2 and r < 0.2:
    t = [shp[1], shp[0]] + shp[2:]
    return [f'const {name} = torch.tensor({nested(t, f)}, {{ dtype: {dt}{g} }});'], f'{name}.transpose(0, 1)'
  if len(shp) >= 1 and r < 0.3:
    t = [shp[0] * 2] + shp[1:]
    return [f'const {name} = torch.tensor({nested(t, f)}, {{ dtype: {dt}{g} }});'], f'{name}.getitem("::2")'
  if len(shp) >= 1 and r < 0.36 and expand:
    return [f'const {name} = torch.tensor({nested(shp[1:], f)}, {{ dtype: {dt}{g} }});'], f'{name}.expand({", ".join(map(str, shp))})'
  if shp:
    return [f'const {name} = torch.tensor({nested(shp, f)}, {{ dtype: {dt}{g} }});'], name
  return [f'const {name} = torch.tensor({f()}, {{ dtype: {dt}{g} }});'], name

def out(expr, dt, L, grad_of=None, as_list=None):
  """Appends the result lines: printed for float64, as a list for float32 (last-bit noise), then a gradient."""
  if as_list is None: as_list = dt == F32
  if grad_of:
    L.append(f'const y = {expr};')
    L.append('console.log(y);')
    L.append('console.log(y.grad_fn!.name());')
    # A weighted sum, so that gradients like softmax's are not pure rounding noise (as they are for a plain sum);
    # square-root weights, so that no gradient is exactly 0 by coincidence (then only rounding noise of either sign).
    L.append('y.mul(torch.arange(y.numel(), { dtype: y.dtype }).view(y.shape).add(1).sqrt()).sum().backward();')
    L.append(f'{grad_of}.grad')
  elif as_list:
    L.append(f'{expr}.tolist()')
  else:
    L.append(f'console.log({expr});')
    L.append(expr)

def dims_shape(lo=0, hi=3, smax=4):
  return [R.randint(1, smax) for _ in range(R.randint(lo, hi))]

def c_soft():
  L = []
  shp = dims_shape(0, 3)
  if R.random() < 0.08 and shp: shp[R.randrange(len(shp))] = 0
  dt = R.choice([F32, F64, F64, 'torch.int64'])
  grad = dt == F64 and R.random() < 0.5 and 0 not in shp
  la, a = tensor('a', shp, dt, grad); L += la
  k = max(len(shp), 1)
  d = R.randint(-k - (1 if R.random() < 0.1 else 0), k - 1 + (1 if R.random() < 0.1 else 0))
  op = R.choice(['softmax', 'log_softmax', 'softmin'])
  odt = R.choice([None, None, F64, F32])
  opt = f', {{ dtype: {odt} }}' if odt else ''
  form = R.choice(['F', 'F', 'method', 'torch']) if op != 'softmin' else 'F'
  if form == 'F' and R.random() < 0.4: expr = f'F.{op}({a}, {{ dim: {d}' + (f', dtype: {odt} }})' if odt else ' })')
  elif form == 'F': expr = f'F.{op}({a}, {d}{opt})'
  elif form == 'torch': expr = f'torch.{op}({a}, {d}{opt})'
  else: expr = f'{a}.{op}({d}{opt})'
  odt = odt or dt
  # Along an expanded dim the source's gradient sums a softmax backward over equal values: exactly 0, so only
  # rounding noise.
  if '.expand(' in a and d % len(shp) == 0: grad = False
  # A float32 softmax of a float64 input has a float32 backward whose last bits are rounding noise, compared at
  # float64 precision once cast back: no gradient then.
  if grad and odt != F32: out(expr, odt, L, grad_of='a')
  else: out(expr, odt, L)
  return L

def c_ce():
  L = []
  C = R.randint(1, 4)
  form = R.choice(['nc', 'nc', 'c', 'ncd', 'ncdd'])
  N = R.randint(0 if R.random() < 0.1 else 1, 3)
  extra = [] if form in ('nc', 'c') else [R.randint(1, 3)] if form == 'ncd' else [R.randint(1, 2), R.randint(1, 2)]
  ishape = [C] if form == 'c' else [N, C] + extra
  tshape = [] if form == 'c' else [N] + extra
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6 and N > 0
  # An input expanded along the classes has a gradient of exactly 0 (rounding noise): no expand for (C,) inputs.
  la, x = tensor('x', ishape, dt, grad, expand=form != 'c'); L += la
  probs = R.random() < 0.3
  ignore = None
  if probs:
    L.append(f'const t = torch.tensor({nested(ishape, lambda: "%.1f" % R.uniform(0, 2))}, {{ dtype: {dt} }}).softmax({0 if form == "c" else 1});')
  else:
    opts = list(range(C))
    if R.random() < 0.3: ignore = R.choice([-1, 0, C - 1, -100]); opts.append(ignore if ignore != -1 else -1)
    if R.random() < 0.04: opts.append(C)  # out of range target
    if 0 in tshape: L.append(f'const t = torch.zeros([{", ".join(map(str, tshape))}], {{ dtype: torch.int64 }});')
    else: L.append(f'const t = torch.tensor({nested(tshape, lambda: str(R.choice(opts)))});')
  kw = []
  if R.random() < 0.4: kw.append(f'weight: torch.tensor({nested([C], lambda: "%.1f" % R.uniform(0.1, 2))}, {{ dtype: {dt} }})')
  if ignore is not None and ignore != -100: kw.append(f'ignore_index: {ignore}')
  red = R.choice(['"mean"', '"mean"', '"sum"', '"none"'])
  if R.random() < 0.6: kw.append(f'reduction: {red}')
  else: red = '"mean"'
  # label_smoothing 1.0 leaves a gradient of softmax - 1/C, which for equal logits is 0 in PyTorch but one ulp
  # off in the engine (exp(-log(C)) rounds differently from PyTorch's vectorised exp): pure rounding, not taken
  # with a gradient.
  if R.random() < 0.35: kw.append(f'label_smoothing: {R.choice(["0.1", "0.25", "0.0"] + ([] if grad else ["1.0"]))}')
  fn = 'cross_entropy'
  if not probs and R.random() < 0.35:
    fn = 'nll_loss'; kw = [k for k in kw if not k.startswith('label_smoothing')]
    x = f'F.log_softmax({x}, {0 if form == "c" else 1})'
  expr = f'F.{fn}({x}, t' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  if grad: out(expr, dt, L, grad_of='x')
  else: out(expr, dt, L, as_list=True)
  return L

def c_reg():
  L = []
  shp = dims_shape(0, 3)
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  la, a = tensor('a', shp, dt, grad); L += la
  sb = list(shp)
  if R.random() < 0.15 and sb: sb[R.randrange(len(sb))] = 1   # broadcasting (PyTorch warns)
  lb, b = tensor('b', sb, dt); L += lb
  fn = R.choice(['mse_loss', 'l1_loss', 'smooth_l1_loss', 'huber_loss'])
  kw = []
  if R.random() < 0.6: kw.append(f'reduction: {R.choice(REDUCTIONS)}')
  if fn == 'smooth_l1_loss' and R.random() < 0.6: kw.append(f'beta: {R.choice(["0.5", "2.0", "0.0", "1.5"])}')
  if fn == 'huber_loss' and R.random() < 0.6: kw.append(f'delta: {R.choice(["0.5", "2.0", "1.5"])}')
  expr = f'F.{fn}({a}, {b}' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=True)
  return L

def c_bce():
  L = []
  shp = dims_shape(0, 3)
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  logits = R.random() < 0.5
  la, a = tensor('a', shp, dt, grad); L += la
  lb, b = tensor('b', shp, dt, f=lambda: R.choice(['0.0', '1.0', '0.25', '0.5', '0.9'])); L += lb
  kw = []
  if R.random() < 0.35:
    ws = shp[-1:] if shp and R.random() < 0.5 else shp
    kw.append(f'weight: torch.tensor({nested(ws, lambda: "%.1f" % R.uniform(0.1, 2))}, {{ dtype: {dt} }})')
  if logits and R.random() < 0.4:
    ps = shp[-1:] if shp else []
    kw.append(f'pos_weight: torch.tensor({nested(ps, lambda: "%.1f" % R.uniform(0.1, 3))}, {{ dtype: {dt} }})')
  if R.random() < 0.6: kw.append(f'reduction: {R.choice(REDUCTIONS)}')
  kws = f', {{ {", ".join(kw)} }}' if kw else ''
  if logits: expr = f'F.binary_cross_entropy_with_logits({a}, {b}{kws})'
  else: expr = f'F.binary_cross_entropy({a}.sigmoid(), {b}{kws})'
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=True)
  return L

def c_onehot():
  L = []
  shp = dims_shape(0, 2)
  if R.random() < 0.1: shp = [0]
  bad = R.random()
  vals = lambda: str(R.randint(0, 3) if bad > 0.1 else R.randint(-1, 3))
  dt = 'torch.int64' if R.random() > 0.05 else R.choice(['torch.int32', F32])
  la, a = tensor('a', shp, dt, f=vals); L += la
  nc = R.choice(['', '', ', -1', ', 4', ', 5', ', 2'])
  if R.random() < 0.3 and nc: nc = f', {{ num_classes: {nc[2:]} }}'
  expr = f'F.one_hot({a}{nc})'
  out(expr, 'torch.int64', L)
  return L

def c_normalize():
  L = []
  shp = dims_shape(1, 3)
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.5
  la, a = tensor('a', shp, dt, grad); L += la
  kw = []
  if R.random() < 0.5: kw.append(f'p: {R.choice(["1.0", "2.0", "3.0", "Infinity", "1"])}')
  if R.random() < 0.6: kw.append(f'dim: {R.randint(-len(shp), len(shp) - 1)}')
  if R.random() < 0.2: kw.append('eps: 0.5')
  expr = f'F.normalize({a}' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L)
  return L

def c_linear():
  L = []
  i, o = R.randint(1, 3), R.randint(1, 3)
  ishp = R.choice([[i], [R.randint(1, 3), i], [2, R.randint(1, 3), i], [0, i]])
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  la, x = tensor('x', ishp, dt, grad); L += la
  wshape = R.choice([[o, i], [o, i], [i]])
  lw, w = tensor('w', wshape, dt); L += lw
  bias = R.random() < 0.6
  if bias:
    bs = [o] if len(wshape) == 2 else []
    if R.random() < 0.1: bs = [o + 1]
    lb, b = tensor('b', bs, dt); L += lb
  expr = f'F.linear({x}, {w}' + (', b)' if bias else ')')
  if grad: out(expr, dt, L, grad_of='x')
  else: out(expr, dt, L, as_list=dt == F32 and i > 2)
  return L

ACTS = ['F.relu(A)', 'F.gelu(A)', 'F.gelu(A, { approximate: "tanh" })', 'F.leaky_relu(A)', 'F.leaky_relu(A, 0.2)',
        'F.elu(A)', 'F.elu(A, { alpha: 0.5 })', 'F.selu(A)', 'F.silu(A)', 'F.softplus(A)', 'F.softplus(A, { beta: 2 })',
        'F.softplus(A, { beta: 0.5, threshold: 1 })', 'F.hardtanh(A)', 'F.hardtanh(A, -0.5, 1.5)', 'F.relu6(A)',
        'F.celu(A, { alpha: 2.0 })', 'F.hardsigmoid(A)', 'F.hardswish(A)', 'F.logsigmoid(A)', 'F.mish(A)',
        'F.softsign(A)', 'F.threshold(A, 0.5, -1.0)', 'F.sigmoid(A)', 'F.tanh(A)', 'F.glu(A)']
PIECEWISE = {'F.relu(A)', 'F.leaky_relu(A)', 'F.leaky_relu(A, 0.2)', 'F.hardtanh(A)', 'F.hardtanh(A, -0.5, 1.5)', 'F.relu6(A)', 'F.threshold(A, 0.5, -1.0)'}

def c_act():
  L = []
  shp = dims_shape(0, 3)
  act = R.choice(ACTS)
  if act == 'F.glu(A)': shp = (shp or [1])[:-1] + [2 * R.randint(1, 2)]
  dt = R.choice([F32, F64, F64] + (['torch.int64'] if act in PIECEWISE else []))
  grad = dt == F64 and R.random() < 0.6
  la, a = tensor('a', shp, F64 if dt == 'torch.int64' else dt, grad); L += la
  expr = act.replace('A', f'{a}.mul(2).long()' if dt == 'torch.int64' else a)
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=dt == F32 and act not in PIECEWISE)
  return L

def c_dropout():
  L = []
  shp = dims_shape(0, 3)
  dt = R.choice([F32, F64])
  la, a = tensor('a', shp, dt); L += la
  p = R.choice(['0.5', '0.0', '1.0', '0.2', '0.0', '1.5'])
  tr = R.choice(['true', 'false', 'true'])
  if R.random() < 0.5: L.append(f'torch.manual_seed({R.randint(0, 5)});')
  expr = R.choice([f'F.dropout({a}, {p}, {tr})', f'F.dropout({a}, {{ p: {p}, training: {tr} }})', f'F.dropout({a})'])
  out(expr, dt, L, as_list=False)
  return L

def c_pad():
  L = []
  shp = dims_shape(1, 3)
  dt = R.choice([F32, F64, 'torch.int64'])
  grad = dt == F64 and R.random() < 0.5
  la, a = tensor('a', shp, dt, grad); L += la
  n = R.randint(1, min(len(shp), 3)) * 2
  if R.random() < 0.05: n = 3
  pads = [R.randint(-1, 2) for _ in range(n)]
  val = R.choice(['', '', ', "constant", 1.5', ', { value: -2 }', ', "constant", 0'])
  expr = f'F.pad({a}, [{", ".join(map(str, pads))}]{val})'
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=False)
  return L

def c_embed():
  L = []
  V, D = R.randint(1, 5), R.randint(1, 3)
  dt = R.choice([F32, F64])
  grad = dt == F64 and R.random() < 0.6
  lw, w = tensor('w', [V, D], dt, grad, layout=False); L += lw
  ishp = dims_shape(0, 2)
  hi = V - 1 if R.random() > 0.05 else V
  li, idx = tensor('i', ishp, 'torch.int64', f=lambda: str(R.randint(0, hi))); L += li
  kw = R.choice(['', '', f', {{ padding_idx: {R.randint(-V, V - 1)} }}'])
  expr = R.choice([f'F.embedding({idx}, {w}{kw})'])
  if grad: out(expr, dt, L, grad_of='w')
  else: out(expr, dt, L, as_list=False)
  return L

def c_layer_norm():
  L = []
  shp = dims_shape(1, 3)
  # A single normalized element comes out as exactly 0 in the engine but as PyTorch's fused multiply-add noise
  # (1e-14 in float64, 1e-5 in float32): the last dim has at least two elements.
  shp[-1] = max(shp[-1], 2)
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  # Distinct values as in c_batch_norm, and no expanded input (all-equal rows are the single-element case).
  la, a = tensor('a', shp, dt, grad, f=lambda: '%.3f' % R.uniform(-3, 3), expand=False); L += la
  k = R.randint(1, len(shp))
  ns = shp[-k:]
  if R.random() < 0.05: ns = [s + 1 for s in ns]
  kw = []
  if R.random() < 0.5:
    lw, w = tensor('w', ns, dt, f=R.choice([num, lambda: '0.0']), layout=False); L += lw; kw.append(f'weight: {w}')
  if R.random() < 0.5:
    lb, b = tensor('b', ns, dt, layout=False); L += lb; kw.append(f'bias: {b}')
  if R.random() < 0.2: kw.append('eps: 0.1')
  expr = f'F.layer_norm({a}, [{", ".join(map(str, ns))}]' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=True)
  return L

def c_conv():
  L = []
  two = R.random() < 0.5
  N, Cin = R.randint(1, 2), R.choice([1, 2, 4])
  groups = R.choice([1, 1, Cin]) if Cin > 1 else 1
  Cout = groups * R.randint(1, 2)
  sp = [R.randint(3, 5) for _ in range(2 if two else 1)]
  ks = [R.randint(1, 3) for _ in sp]
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  # Random values: with the few round ones, an output can cancel to exactly 0, printed as summation-order noise;
  # four decimals, because products of three-decimal values often land on a printed rounding tie.
  rnd = lambda: '%.4f' % R.uniform(-3, 3)
  lx, x = tensor('x', [N, Cin] + sp, dt, grad, f=rnd); L += lx
  lw, w = tensor('w', [Cout, Cin // groups] + ks, dt, f=rnd); L += lw
  kw = []
  if R.random() < 0.5:
    lb, b = tensor('b', [Cout], dt, layout=False); L += lb; kw.append(f'bias: {b}')
  if R.random() < 0.4: kw.append(f'stride: {R.randint(1, 2)}')
  if R.random() < 0.4: kw.append(f'padding: {R.randint(0, 1)}')
  if R.random() < 0.3: kw.append(f'dilation: {R.randint(1, 2)}')
  if groups > 1: kw.append(f'groups: {groups}')
  fn = 'conv2d' if two else 'conv1d'
  expr = f'F.{fn}({x}, {w}' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  if grad: out(expr, dt, L, grad_of='x')
  else: out(expr, dt, L, as_list=True)
  return L

def c_pool():
  L = []
  shp = [R.randint(1, 2)] * R.randint(0, 1) + [R.randint(1, 2), R.randint(2, 5), R.randint(2, 5)]
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  la, a = tensor('a', shp, dt, grad); L += la
  k = R.randint(1, 3)
  kw = []
  if R.random() < 0.5: kw.append(f'stride: {R.randint(1, 2)}')
  if R.random() < 0.4 and k >= 2: kw.append(f'padding: {R.randint(0, k // 2)}')
  if R.random() < 0.3: kw.append('ceil_mode: true')
  fn = R.choice(['max_pool2d', 'avg_pool2d'])
  if fn == 'avg_pool2d' and R.random() < 0.3: kw.append('count_include_pad: false')
  expr = f'F.{fn}({a}, {k}' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=dt == F32 and fn == 'avg_pool2d')
  return L

def c_batch_norm():
  L = []
  C = R.randint(1, 3)
  shp = [R.randint(2, 3), C] + [R.randint(1, 3) for _ in range(R.randint(0, 2))]
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  # Distinct random values: repeated ones (symmetric batches) make gradients whose exact value is 0 come out as
  # rounding noise of either sign and size.
  la, a = tensor('a', shp, dt, grad, f=lambda: '%.3f' % R.uniform(-3, 3)); L += la
  L.append(f'const rm = torch.tensor({nested([C])}, {{ dtype: {dt} }});')
  L.append(f'const rv = torch.tensor({nested([C], lambda: "%.1f" % R.uniform(0.5, 2))}, {{ dtype: {dt} }});')
  kw = []
  training = R.random() < 0.5
  if training: kw.append('training: true')
  if R.random() < 0.4: kw.append(f'weight: torch.tensor({nested([C], R.choice([num, lambda: "0.0"]))}, {{ dtype: {dt} }})')
  if R.random() < 0.4: kw.append(f'bias: torch.tensor({nested([C])}, {{ dtype: {dt} }})')
  if R.random() < 0.3: kw.append('momentum: 0.5')
  if R.random() < 0.2: kw.append('eps: 0.01')
  expr = f'F.batch_norm({a}, rm, rv' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=True)
  if training: L.insert(-1, 'console.log(rm, rv);')
  return L

def c_mm():
  L = []
  n, k, m, b = R.randint(1, 3), R.randint(0, 3) if R.random() < 0.15 else R.randint(1, 3), R.randint(1, 3), R.randint(1, 3)
  dt = R.choice([F32, F64, F64, 'torch.int64', 'torch.int32'])
  grad = dt == F64 and R.random() < 0.6
  intv = lambda: str(R.randint(-4, 4))
  f = intv if dt in ('torch.int64', 'torch.int32') else None
  op = R.choice(['matmul', 'matmul', 'matmul', 'mm', 'bmm', 'mv', 'dot', 'outer', 'addmm', 'baddbmm'])
  if op == 'matmul':
    sa = R.choice([[k], [n, k], [b, n, k], [1, n, k], [2, b, n, k]]); sb = R.choice([[k], [k, m], [b, k, m], [1, k, m]])
  elif op == 'mm': sa, sb = [n, k], [k, m]
  elif op == 'bmm': sa, sb = [b, n, k], [b, k, m]
  elif op == 'mv': sa, sb = [n, k], [k]
  elif op == 'dot': sa, sb = [k], [k]
  elif op == 'outer': sa, sb = [n], [m]
  elif op == 'addmm': sa, sb = [n, k], [k, m]
  else: sa, sb = [b, n, k], [b, k, m]
  if R.random() < 0.06 and sb: sb = list(sb); sb[0 if len(sb) <= 2 else -2] += 1  # shape mismatch
  la, a = tensor('a', sa, dt, grad, f=f); L += la
  # PyTorch fails an internal assert, not a dtype check, for a mixed-dtype product with a gradient: none then.
  dtb = dt if R.random() > 0.07 or grad else R.choice([F32, F64, 'torch.int64'])
  lb, bb = tensor('b', sb, dtb, f=f if dtb == dt else None); L += lb
  if op in ('addmm', 'baddbmm'):
    ss = R.choice([[n, m], [m], [1, m], []]) if op == 'addmm' else R.choice([[b, n, m], [n, m], [1]])
    beta = R.choice(['0', '2', '0.5', '1'] if dt in (F32, F64) else ['0', '2', '1']) if R.random() < 0.5 else None
    # PyTorch's baddbmm with beta=0 and a strided or broadcast self can leave uninitialised memory (NaN) in its
    # result: self is then plain and full-sized.
    if op == 'baddbmm' and beta == '0': ss = [b, n, m]
    lc, c = tensor('c', ss, dt, f=f, layout=not (op == 'baddbmm' and beta == '0')); L += lc
    kw = []
    if beta is not None: kw.append(f'beta: {beta}')
    if R.random() < 0.5: kw.append(f'alpha: {R.choice(["0", "-1", "1.5", "3"] if dt in (F32, F64) else ["0", "-1", "3"])}')
    expr = f'torch.{op}({c}, {a}, {bb}' + (f', {{ {", ".join(kw)} }})' if kw else ')')
  else:
    expr = R.choice([f'torch.{op}({a}, {bb})', f'{a}.{op}({bb})'])
  if grad: out(expr, dt, L, grad_of='a')
  else: out(expr, dt, L, as_list=dt == F32 and k > 2)
  return L

EINSUM = [('ij,jk->ik', [['i', 'j'], ['j', 'k']]), ('ij,jk', [['i', 'j'], ['j', 'k']]), ('ii->i', [['i', 'i']]),
          ('ii', [['i', 'i']]), ('ij->ji', [['i', 'j']]), ('ij->', [['i', 'j']]), ('ij->j', [['i', 'j']]),
          ('i,j->ij', [['i'], ['j']]), ('i,i->', [['i'], ['i']]), ('i,i->i', [['i'], ['i']]), ('bij,bjk->bik', [['b', 'i', 'j'], ['b', 'j', 'k']]),
          ('...ij,...jk->...ik', None), ('...i,...i->...', None), ('i...->...', None), ('...ii->...i', None),
          ('ij,ij->ij', [['i', 'j'], ['i', 'j']]), ('ijk->kji', [['i', 'j', 'k']]), ('ij,kj->ik', [['i', 'j'], ['k', 'j']]),
          ('i,j,k->ijk', [['i'], ['j'], ['k']]), ('iij->ij', [['i', 'i', 'j']]), ('ji', [['j', 'i']]), ('ba,ab->', [['b', 'a'], ['a', 'b']]),
          ('i j -> j i', [['i', 'j']]), ('bi,bj->bij', [['b', 'i'], ['b', 'j']]), ('ijj->i', [['i', 'j', 'j']])]

def c_einsum():
  L = []
  eq, subs = R.choice(EINSUM)
  sizes = {c: R.randint(1, 3) for c in 'ijkab'}
  if R.random() < 0.05: sizes['i'] = 0
  dt = R.choice([F32, F64, F64, 'torch.int64'])
  grad = dt == F64 and R.random() < 0.5
  f = (lambda: str(R.randint(-4, 4))) if dt == 'torch.int64' else None
  if subs is None:
    bat = [R.randint(1, 2) for _ in range(R.randint(0, 2))]
    if eq == '...ij,...jk->...ik': shapes = [bat + [sizes['i'], sizes['j']], bat[1:] + [sizes['j'], sizes['k']]]
    elif eq == '...i,...i->...': shapes = [bat + [sizes['i']], [1] * len(bat) + [sizes['i']]]
    elif eq == 'i...->...': shapes = [[sizes['i']] + bat]
    else: shapes = [bat + [sizes['i'], sizes['i']]]
  else:
    shapes = [[sizes[c] for c in s] for s in subs]
  if R.random() < 0.05: shapes[0] = shapes[0] + [2]  # wrong number of subscripts
  names = []
  for j, s in enumerate(shapes):
    lt, t = tensor(f't{j}', s, dt, grad and j == 0, f=f); L += lt; names.append(t)
  expr = f'torch.einsum("{eq}", {", ".join(names)})'
  if grad: out(expr, dt, L, grad_of='t0')
  else: out(expr, dt, L, as_list=dt == F32)
  return L

def c_edge():
  """Hand-picked edge shapes and errors, with random values."""
  L = []
  dt = R.choice([F32, F64])
  pick = R.randrange(22)
  C = R.randint(2, 4)
  if pick == 0:
    L.append(f'const x = torch.tensor({nested([2, C])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.cross_entropy(x, torch.tensor([0.5, 1.5]))', 'F.cross_entropy(x, torch.tensor([0, 1, 1]))',
                     f'F.cross_entropy(x, torch.tensor([0, 1]), {{ weight: torch.ones({C + 1}, {{ dtype: {dt} }}) }})',
                     'F.cross_entropy(x, torch.tensor([0, 1], { dtype: torch.int32 }))', 'F.nll_loss(x, torch.tensor([[0, 1]]))',
                     'F.cross_entropy(x, torch.tensor([0, 1]), { reduction: "avg" })', 'F.cross_entropy(x, torch.tensor([0, 1]), { label_smoothing: 1.5 })',
                     f'F.cross_entropy(x, torch.zeros(2, {C}, {{ dtype: torch.float64 }}))', f'F.cross_entropy(x, torch.tensor([0, {C}]))'])
  elif pick == 1:
    L.append(f'const x = torch.tensor({nested([C])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.cross_entropy(x, torch.tensor(1))', 'F.nll_loss(x, torch.tensor(0))', 'F.cross_entropy(x, torch.tensor([1]))',
                     f'F.cross_entropy(x, torch.tensor(1), {{ ignore_index: 1 }})', f'F.cross_entropy(x, x.softmax(0))'])
  elif pick == 2:
    L.append(f'const x = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.softmax(x)', 'F.softmax(x, 2)', 'F.log_softmax(x, -3)', 'F.softmin(x, 0, { dtype: torch.int64 })',
                     'F.softmax(x.long(), 0)', 'F.softmax(x.long(), 0, { dtype: torch.float32 })', 'F.log_softmax(x.bool(), 1, torch.float64)',
                     'F.softmax(x.int(), 1)', 'torch.softmax(x, 1, { dtype: torch.float64 })'])
  elif pick == 3:
    expr = R.choice(['F.one_hot(torch.tensor([0, 3]), 3)', 'F.one_hot(torch.tensor([-1, 0]))', 'F.one_hot(torch.tensor([0.0, 1.0]))',
                     'F.one_hot(torch.zeros(0, { dtype: torch.int64 }))', 'F.one_hot(torch.zeros(0, { dtype: torch.int64 }), 3)',
                     'F.one_hot(torch.tensor(2), 4)', 'F.one_hot(torch.tensor([1, 2]), 0)', 'F.one_hot(torch.tensor([[1], [2]]), -2)'])
  elif pick == 4:
    L.append(f'const a = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['torch.mm(a, a)', 'torch.mm(a, a.t().long())', 'torch.bmm(a, a.t())', 'torch.mv(a, a.getitem("0"))', 'torch.dot(a, a)',
                     'torch.dot(a.getitem("0"), a.getitem("1, :2"))', 'torch.matmul(a, torch.tensor(2.0))', 'torch.matmul(a.getitem("0"), a.getitem("0").double())',
                     'torch.outer(a, a)', 'torch.addmm(a, a, a.t())', 'torch.baddbmm(a, a.unsqueeze(0), a.unsqueeze(0))', 'torch.mm(a.int(), a.t().int())',
                     'torch.mm(a.bool(), a.t().bool())', 'torch.matmul(a.bool(), a.t().bool())', 'torch.dot(a.getitem("0").int(), a.getitem("1").int())',
                     'torch.addmm(a.t().mm(a), a.t(), a, { beta: 0, alpha: 2 })', 'torch.mm(a.getitem(":, :0"), a.getitem(":0"))',
                     'torch.matmul(torch.zeros(0), torch.zeros(0))', 'torch.mv(a.t().getitem("::2"), a.getitem("::2, 1"))'])
  elif pick == 5:
    L.append(f'const a = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['torch.einsum("ij,jk", a, a)', 'torch.einsum("ij", a, a)', 'torch.einsum("i", a)', 'torch.einsum("ij->ik", a)',
                     'torch.einsum("ii->i", a)', 'torch.einsum("ij->jj", a)', 'torch.einsum("Ij->jI", a)', 'torch.einsum("i...->", a)',
                     'torch.einsum("ij,ij->", a, a.long())', 'torch.einsum("ij...->ji", a)', 'torch.einsum("..., ...", a, torch.tensor(2.0))',
                     'torch.einsum("ij,kl->ijkl", a, a)', 'torch.einsum("ij,ij->i", [a, a])', 'torch.einsum("i j", a)', 'torch.einsum("ij->i->j", a)'])
  elif pick == 6:
    L.append(f'const a = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.mse_loss(a, a.long())', 'F.l1_loss(a, a.getitem("0"))', 'F.mse_loss(a, a.getitem(":, :2"))', 'F.mse_loss(a, a, { reduction: "max" })',
                     'F.smooth_l1_loss(a, a.flip(0), { beta: -1.0 })', 'F.huber_loss(a, a.flip(0), { delta: 0.0 })', 'F.mse_loss(a.getitem(":0"), a.getitem(":0"))',
                     'F.l1_loss(a.getitem(":0"), a.getitem(":0"), { reduction: "sum" })', 'F.mse_loss(a.long(), a.long())', 'F.l1_loss(a.int(), a.int())',
                     'F.huber_loss(a, a.flip(1), { reduction: "none", delta: 0.5 })'])
  elif pick == 7:
    L.append(f'const a = torch.tensor({nested([2, 3], lambda: R.choice(["0.25", "0.5", "1.0", "0.0", "0.75"]))}, {{ dtype: {dt} }});')
    expr = R.choice(['F.binary_cross_entropy(a, a.flip(0))', 'F.binary_cross_entropy(a.mul(2), a)', 'F.binary_cross_entropy(a, a.getitem("0"))',
                     'F.binary_cross_entropy_with_logits(a, a.getitem("0"))', 'F.binary_cross_entropy(a.long(), a)', 'F.binary_cross_entropy(a, a.long())',
                     'F.binary_cross_entropy_with_logits(a, a.flip(1), { pos_weight: torch.tensor([1.0, 2.0]) })',
                     'F.binary_cross_entropy(a, a.flip(0), { weight: torch.tensor([1.0, 2.0]) })', 'F.binary_cross_entropy(a.getitem(":0"), a.getitem(":0"))'])
  elif pick == 8:
    L.append(f'const x = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    L.append(f'const w = torch.tensor({nested([4, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.linear(x, w.t())', 'F.linear(x.long(), w.long())', 'F.linear(x, w, torch.zeros(3))', 'F.linear(x.getitem("0, 0"), w)',
                     'F.linear(x, w.getitem("0"))', 'F.linear(x.getitem("0"), w.getitem("0"), torch.tensor(1.5))', 'F.linear(x, w, w.getitem("0, :1"))',
                     'F.linear(x.getitem(":0"), w)', 'F.linear(x, w.double())', 'F.linear(x.int(), w.int(), torch.ones(4, { dtype: torch.int32 }))'])
  elif pick == 9:
    L.append(f'const x = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.pad(x, [1])', 'F.pad(x, [-2, -2])', 'F.pad(x, [0, 0, 0, 0, 1, 1])', 'F.pad(x, [0, 0, 0, 0, 0, 0, 1, 1])', 'F.pad(x, [-3, 1])',
                     'F.pad(x.long(), [1, 1], "constant", 2.5)', 'F.pad(x.bool(), [1, 0], { value: 1 })', 'F.pad(x, [2, -1, -1, 2])', 'F.pad(x.getitem(":0"), [1, 1])',
                     'F.pad(x, [])'])  # only constant padding is in the engine
  elif pick == 10:
    L.append(f'const w = torch.tensor({nested([4, 2])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.embedding(torch.tensor([4]), w)', 'F.embedding(torch.tensor([-1]), w)', 'F.embedding(torch.tensor([0.0]), w)',
                     'F.embedding(torch.tensor([1, 2], { dtype: torch.int32 }), w)', 'F.embedding(torch.tensor(2), w)', 'F.embedding(torch.tensor([1]), w.getitem("0"))',
                     'F.embedding(torch.tensor([[0, 3], [3, 3]]), w.t().contiguous().t())', 'F.embedding(torch.zeros(0, 2, { dtype: torch.int64 }), w)'])
  elif pick == 11:
    L.append(f'const x = torch.tensor({nested([2, 3, 4])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.layer_norm(x, [3])', 'F.layer_norm(x, [])', 'F.layer_norm(x, [2, 3, 4])', 'F.layer_norm(x, [4], { weight: torch.ones(3) })',
                     'F.layer_norm(x.getitem(":0"), [3, 4])', 'F.layer_norm(x, 4)', 'F.layer_norm(x.long(), [4])'])
  elif pick == 12:
    L.append(f'const x = torch.tensor({nested([1, 2, 4, 4])}, {{ dtype: {dt} }});')
    L.append(f'const w = torch.tensor({nested([2, 2, 2, 2])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.conv2d(x, w.getitem(":, :1"))', 'F.conv2d(x.getitem("0"), w)', 'F.conv2d(x, w, { padding: "same" })', 'F.conv2d(x, w, { padding: "valid" })',
                     'F.conv2d(x, w, { stride: 0 })', 'F.conv2d(x, w, { padding: -1 })', 'F.conv2d(x, w, { groups: 2 })', 'F.conv2d(x.getitem(":, :, :1, :1"), w)',
                     'F.conv2d(x, w, { stride: [1, 2], padding: [1, 0], dilation: [2, 1] })', 'F.conv2d(x.long(), w.long())', 'F.conv1d(x.getitem("0"), w.getitem(":, :, 0"))',
                     'F.conv2d(x, w, { padding: "same", stride: 2 })', 'F.conv1d(x.getitem("0"), w.getitem(":, :, 0"), { padding: "same", dilation: 2 })', 'F.conv2d(x, w, torch.ones(3))'])
  elif pick == 13:
    L.append(f'const x = torch.tensor({nested([1, 2, 4, 4])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.max_pool2d(x, 5)', 'F.max_pool2d(x, 2, { padding: 2 })', 'F.avg_pool2d(x, 3, { padding: 2 })', 'F.max_pool2d(x, [2, 3], { stride: [1, 2] })',
                     'F.max_pool2d(x, 2, { dilation: 2 })', 'F.avg_pool2d(x, 3, { stride: 2, ceil_mode: true, count_include_pad: false, padding: 1 })',
                     'F.max_pool2d(x.long(), 2)', 'F.avg_pool2d(x.long(), 2)', 'F.max_pool2d(x.getitem("0, 0"), 2)', 'F.avg_pool2d(x, 2, { divisor_override: 3 })',
                     'F.max_pool2d(x, 3, { stride: 2, ceil_mode: true })', 'F.max_pool2d(x, 0)'])
  elif pick == 14:
    L.append(f'const x = torch.tensor({nested([3, 2])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.batch_norm(x, null, null, { training: true })', 'F.batch_norm(x, null, null)', 'F.batch_norm(x, torch.zeros(3), torch.ones(3))',
                     'F.batch_norm(x.getitem(":1"), null, null, { training: true })', 'F.batch_norm(x.long(), torch.zeros(2), torch.ones(2))',
                     'F.batch_norm(x, torch.zeros(2, { dtype: torch.float64 }), torch.ones(2, { dtype: torch.float64 }))'])
  elif pick == 15:
    L.append(f'const x = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.dropout(x, -0.1)', 'F.dropout(x.long(), 0.5)', 'F.dropout(x.long(), 0.5, false)', 'F.dropout(x.getitem(":0"), 0.5)',
                     'F.dropout(torch.tensor(2.0), 0.5)', 'F.dropout(x, 1.0).tolist()', 'F.dropout(x.t(), 0.5)'])
  elif pick == 16:
    L.append(f'const x = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.normalize(x, { dim: 2 })', 'F.normalize(x.long())', 'F.normalize(torch.zeros(2, 3))', 'F.normalize(x.getitem(":0"))',
                     'F.normalize(torch.tensor(2.0), { dim: 0 })', 'F.normalize(x, { p: 0 })', 'F.normalize(x, { p: -1.0 })', 'F.normalize(x, { p: -Infinity })'])
  elif pick == 17:
    L.append(f'const x = torch.tensor({nested([2, 3])}, {{ dtype: {dt} }});')
    expr = R.choice(['F.gelu(x, { approximate: "foo" })', 'F.gelu(x.long())', 'F.elu(x.long())', 'F.leaky_relu(x.long(), 0.5)', 'F.relu(x.bool())', 'F.relu(x.int())',
                     'F.silu(x.long())', 'F.softplus(x.long())', 'F.selu(x.long())', 'F.glu(x)', 'F.glu(x, 0)', 'F.hardtanh(x.bool())', 'F.relu6(x.long())',
                     'F.hardtanh(x.long(), -0.5, 1.5)', 'F.hardtanh(x.int(), -2.7, 2.7)', 'F.threshold(x.long(), 0.5, 3)', 'F.leaky_relu(x, 2)',
                     'F.hardtanh(x, 2, 1)', 'F.elu(x, { alpha: -1.0 })', 'F.softplus(x, { beta: -1 })', 'F.softplus(x, { beta: 0 })'])
  elif pick == 18:
    # batch_norm / layer_norm with a zero weight: gradients are signed zeros.
    L.append(f'const x = torch.tensor({nested([3, 2])}, {{ dtype: torch.float64, requires_grad: true }});')
    fn = R.choice(['F.batch_norm(x, null, null, { training: true, weight: torch.zeros(2, { dtype: torch.float64 }) })',
                   'F.batch_norm(x, torch.zeros(2, { dtype: torch.float64 }), torch.ones(2, { dtype: torch.float64 }), { weight: torch.tensor([0.0, -1.0], { dtype: torch.float64 }) })',
                   'F.layer_norm(x, [2], { weight: torch.zeros(2, { dtype: torch.float64 }) })', 'F.layer_norm(x, [3, 2], { weight: torch.zeros(3, 2, { dtype: torch.float64 }) })'])
    out(fn, F64, L, grad_of='x'); return L
  elif pick == 19:
    L.append(f'const x = torch.tensor({nested([2, 3])}, {{ dtype: torch.float64, requires_grad: true }});')
    fn = R.choice(['F.hardsigmoid(x.mul(2))', 'F.hardswish(x.mul(2))', 'F.relu6(x.mul(3))', 'F.hardtanh(x, -0.5, 0.5)', 'F.threshold(x, 0.5, 2.0)',
                   'F.leaky_relu(x, -0.5)', 'F.elu(x, { alpha: 0.0 })', 'F.softplus(x, { beta: 3, threshold: 2 })', 'F.glu(x.t())', 'F.celu(x, { alpha: 0.5 })'])
    out(fn, F64, L, grad_of='x'); return L
  elif pick == 20:
    L.append(f'const a = torch.tensor({nested([2, 3])}, {{ dtype: torch.float64, requires_grad: true }});')
    fn = R.choice(['torch.einsum("ii->i", a.getitem(":, :2"))', 'torch.einsum("ij->", a)', 'torch.einsum("ij,ij->j", a, a)', 'torch.einsum("ij,kj->ikj", a, a)',
                   'torch.einsum("i,i->", a.getitem("0"), a.getitem("1"))', 'torch.matmul(a, a.t())', 'torch.matmul(a.getitem("0"), a.t())', 'torch.outer(a.getitem("0"), a.getitem("1"))',
                   'torch.addmm(a, a, a.t().mm(a), { beta: 0.5, alpha: 2 })', 'torch.baddbmm(a, a.unsqueeze(0), a.t().unsqueeze(0).expand(2, 3, 2).getitem(":, :, :1").expand(2, 3, 3), { beta: 0 })',
                   'torch.einsum("...j,j->...", a, a.getitem("1"))', 'torch.einsum("ii", a.getitem(":, 1:"))', 'torch.dot(a.getitem("0"), a.getitem("0"))'])
    out(fn, F64, L, grad_of='a'); return L
  else:
    L.append(f'const x = torch.tensor({nested([2, C])}, {{ dtype: torch.float64, requires_grad: true }});')
    fn = R.choice([f'F.cross_entropy(x, torch.tensor([0, {C - 1}]), {{ ignore_index: 0 }})', 'F.cross_entropy(x, torch.tensor([0, 0]), { ignore_index: 0 })',
                   f'F.cross_entropy(x, torch.tensor([0, 1]), {{ weight: torch.arange({C}, {{ dtype: torch.float64 }}), label_smoothing: 0.2 }})',
                   f'F.nll_loss(x, torch.tensor([1, 1]), {{ weight: torch.arange({C}, {{ dtype: torch.float64 }}) }})',
                   f'F.cross_entropy(x, x.detach().softmax(1).flip(0), {{ label_smoothing: 0.3 }})',
                   f'F.cross_entropy(x, torch.tensor([1, 0]), {{ reduction: "sum", label_smoothing: 0.1, ignore_index: 1 }})',
                   f'F.binary_cross_entropy_with_logits(x, x.detach().sigmoid(), {{ pos_weight: torch.arange({C}, {{ dtype: torch.float64 }}) }})'])
    out(fn, F64, L, grad_of='x'); return L
  L = [l for l in L if re.search(r'\b' + l.split()[1] + r'\b', expr)]
  if expr.endswith('.tolist()'): L.append(expr)
  else: out(expr, dt, L, as_list=dt == F32)
  return L

def c_more():
  """Wider products and losses: 3-operand and middle-ellipsis einsum, 4-d broadcasting matmul, N-d nll_loss,
  integer addmm scalars, probability targets over extra dims."""
  L = []
  pick = R.randrange(8)
  dt = R.choice([F32, F64, F64])
  grad = dt == F64 and R.random() < 0.6
  s = {c: R.randint(1, 3) for c in 'ijklb'}
  if pick == 0:
    eq, shapes = R.choice([('ij,jk,kl->il', [['i', 'j'], ['j', 'k'], ['k', 'l']]), ('i...j->ij...', None), ('bij,bjk->bk', [['b', 'i', 'j'], ['b', 'j', 'k']]),
                           ('ij->ii', [['i', 'j']]), ('i,i', [['i'], ['i']]), ('...,...->...', None), ('ijk,ikl->jl', [['i', 'j', 'k'], ['i', 'k', 'l']]),
                           ('ij,j->i', [['i', 'j'], ['j']]), ('ii,i->i', [['i', 'i'], ['i']]), ('ij,ij,ij->i', [['i', 'j']] * 3)])
    if shapes is None:
      shapes = [[s['i'], R.randint(1, 2), s['j']]] if eq.startswith('i...') else [[R.randint(1, 2)] * R.randint(0, 2)] * 2
    else: shapes = [[s[c] for c in sh] for sh in shapes]
    names = []
    for j, sh in enumerate(shapes):
      lt, t = tensor(f't{j}', sh, dt, grad and j == 0); L += lt; names.append(t)
    expr = f'torch.einsum("{eq}", {", ".join(names)})'
    of = 't0'
  elif pick == 1:
    n, k, m = R.randint(1, 3), R.randint(1, 3), R.randint(1, 3)
    sa, sb = R.choice([([2, 1, n, k], [3, k, m]), ([n, k], [2, 3, k, m]), ([1, n, k], [2, 1, k, m]), ([k], [2, 3, k, m]), ([2, 3, n, k], [k])])
    la, a = tensor('a', sa, dt, grad); lb, b = tensor('b', sb, dt); L += la + lb
    expr = f'torch.matmul({a}, {b})'; of = 'a'
  elif pick == 2:
    C = R.randint(2, 4); ds = [R.randint(1, 2) for _ in range(R.randint(1, 2))]; N = R.randint(1, 2)
    la, x = tensor('x', [N, C] + ds, dt, grad); L += la
    L.append(f'const t = torch.tensor({nested([N] + ds, lambda: str(R.choice(list(range(C)) + [-100])))});')
    kw = [f'weight: torch.tensor({nested([C], lambda: "%.2f" % R.uniform(0.1, 2))}, {{ dtype: {dt} }})'] if R.random() < 0.5 else []
    kw.append(f'reduction: {R.choice(REDUCTIONS)}')
    expr = f'F.nll_loss(F.log_softmax({x}, 1), t, {{ {", ".join(kw)} }})'; of = 'x'
  elif pick == 3:
    C = R.randint(2, 4); ds = [R.randint(1, 2) for _ in range(R.randint(1, 2))]; N = R.randint(1, 2)
    la, x = tensor('x', [N, C] + ds, dt, grad); L += la
    L.append(f'const t = torch.tensor({nested([N, C] + ds, lambda: "%.2f" % R.uniform(0, 1))}, {{ dtype: {dt} }});')
    kw = [f'label_smoothing: {R.choice(["0.0", "0.2", "0.5"])}', f'reduction: {R.choice(REDUCTIONS)}']
    if R.random() < 0.5: kw.append(f'weight: torch.tensor({nested([C], lambda: "%.2f" % R.uniform(0.1, 2))}, {{ dtype: {dt} }})')
    expr = f'F.cross_entropy({x}, t, {{ {", ".join(kw)} }})'; of = 'x'
  elif pick == 4:
    it = R.choice(['torch.int64', 'torch.int32'])
    iv = lambda: str(R.randint(-5, 5))
    L.append(f'const c = torch.tensor({nested([2, 2], iv)}, {{ dtype: {it} }});')
    L.append(f'const a = torch.tensor({nested([2, 3], iv)}, {{ dtype: {it} }});')
    L.append(f'const b = torch.tensor({nested([3, 2], iv)}, {{ dtype: {it} }});')
    expr = R.choice(['torch.addmm(c, a, b, { beta: 0.5 })', 'torch.addmm(c, a, b, { alpha: 1.5 })', 'torch.addmm(c, a, b, { beta: 2, alpha: -3 })',
                     'torch.baddbmm(c.unsqueeze(0), a.unsqueeze(0), b.unsqueeze(0), { alpha: 0.5 })', 'torch.baddbmm(c, a.unsqueeze(0), b.unsqueeze(0), { beta: 3 })',
                     'torch.addmm(c.bool(), a.bool(), b.bool())', 'torch.addmm(c, a, b, { beta: true })', 'a.matmul(b).mul(1000000).matmul(c).mul(1000000)'])
    grad = False
  elif pick == 5:
    shp = dims_shape(1, 3)
    la, a = tensor('a', shp, dt, grad); L += la
    d = R.randint(-len(shp), len(shp) - 1)
    expr = R.choice([f'F.softmax({a}, {d}).mul({a})', f'F.log_softmax({a}.mul(50), {d})', f'F.softmin({a}, {d}, {{ dtype: torch.float64 }})',
                     f'F.softmax({a}.unsqueeze(0).expand(2{", -1" * len(shp)}), {d if d < 0 else d + 1})', f'{a}.softmax({d}).log()'])
    of = 'a'
  elif pick == 6:
    shp = [R.randint(1, 3) for _ in range(R.randint(1, 3))]
    la, a = tensor('a', shp, dt, grad); L += la
    # (dropout with p = 0 returns its input, which has no grad_fn to print: no gradient case)
    expr = R.choice([f'F.normalize({a}, {{ p: -1.0 }})', f'F.normalize({a}, {{ p: 0.5, dim: 0 }})', f'F.dropout({a}, 0.0, true)' if not grad else f'F.dropout({a}, 0.0, false).mul(2)',
                     f'F.pad({a}, [1, 1], "constant", -1.5)', f'F.linear({a}, torch.ones(2, {shp[-1]}, {{ dtype: {dt} }}), torch.tensor([0.5, -0.5], {{ dtype: {dt} }}))',
                     f'F.gelu({a}.mul(3), {{ approximate: "tanh" }})', f'F.silu({a}.mul(4))', f'F.softplus({a}.mul(10), {{ beta: 2, threshold: 5 }})',
                     f'F.elu({a}.mul(3), {{ alpha: 1.5 }})', f'F.selu({a}.mul(3))', f'F.leaky_relu({a}, 0.01)'])
    of = 'a'
  else:
    V, D = R.randint(2, 5), R.randint(1, 3)
    lw, w = tensor('w', [V, D], dt, grad, layout=False); L += lw
    L.append(f'const i = torch.tensor({nested([R.randint(1, 3), R.randint(1, 3)], lambda: str(R.randint(0, V - 1)))});')
    expr = f'F.embedding(i, {w}, {{ padding_idx: {R.randint(0, V - 1)} }})'
    of = 'w'
  if grad: out(expr, dt, L, grad_of=of)
  else: out(expr, dt, L, as_list=dt == F32)
  return L

KINDS = [(c_more, 5), (c_edge, 6), (c_soft, 3), (c_ce, 4), (c_reg, 2), (c_bce, 2), (c_onehot, 1), (c_normalize, 1), (c_linear, 2), (c_act, 3),
         (c_dropout, 1), (c_pad, 1), (c_embed, 1), (c_layer_norm, 1), (c_conv, 2), (c_pool, 2), (c_batch_norm, 1),
         (c_mm, 4), (c_einsum, 3)]

def cases_for(seed, n):
  global R
  R = random.Random(seed)
  makers = [k for k, w in KINDS for _ in range(w)]
  res = []
  for i in range(n):
    mk = R.choice(makers)
    res.append(f'## fuzz_nn {seed}-{i} {mk.__name__[2:]}\n' + '\n'.join(mk()) + '\n')
  return res

# The differences the fuzzing found, each as a plain case (the engine was fixed for all of them).
FOCUSED = '''## fixed hardtanh of integers truncates its bounds
console.log(F.hardtanh(torch.tensor([-3, 0, 1, 5]), -0.5, 1.5));
console.log(F.hardtanh(torch.tensor([-3, 0, 1, 5], { dtype: torch.int32 }), -2.7, 2.7));
F.relu6(torch.tensor([-3, 2, 9]))

## fixed hardtanh of bool raises
F.relu6(torch.tensor([true, false]))

## fixed hardtanh keeps a dense input's strides over size-1 dims
const a = torch.arange(9.0).view(3, 1, 3).transpose(0, 1);
console.log(F.hardtanh(a).stride(), F.relu6(a.long()).stride(), F.gelu(a).stride());
F.hardtanh(a, -0.5, 1.5)

## fixed hardsigmoid backward multiplies by the float32 one sixth
const x = torch.tensor([-4.0, -1.0, 0.5, 2.0], { dtype: torch.float64, requires_grad: true });
F.hardsigmoid(x).mul(torch.tensor([1.0, 3.0, 7.0, 11.0], { dtype: torch.float64 })).sum().backward();
x.grad

## fixed threshold of a transposed input is laid out like it
const x = torch.arange(6.0).view(3, 2).t();
const y = F.threshold(x, 2.5, -1.0);
console.log(y.stride());
y

## fixed batch_norm with a zero weight gives +0
const x = torch.tensor([[0.5, -2.0], [-1.25, 2.0], [0.0, -1.5]], { dtype: torch.float64, requires_grad: true });
const w = torch.tensor([0.0, -1.0], { dtype: torch.float64 });
console.log(F.batch_norm(x, torch.zeros(2, { dtype: torch.float64 }), torch.ones(2, { dtype: torch.float64 }), { weight: w }));
const y = F.batch_norm(x, null, null, { training: true, weight: w });
console.log(y);
y.mul(torch.arange(6, { dtype: torch.float64 }).view(3, 2)).sum().backward();
x.grad

## fixed layer_norm with a zero weight gives +0
const x = torch.tensor([[0.2, 0.5], [0.0, -1.6], [-0.5, 0.5]], { dtype: torch.float64 });
F.layer_norm(x, [2], { weight: torch.zeros(2, { dtype: torch.float64 }) })

## fixed addmm checks self against mat2 first
torch.addmm(torch.ones(2, 2), torch.ones(2, 2), torch.ones(2, 2, { dtype: torch.int64 }))

## fixed addmm checks dtypes before shapes
torch.addmm(torch.tensor(1.5), torch.ones(2, 3), torch.ones(4, 1, { dtype: torch.int64 }))

## fixed log_softmax of integers along an inner dim names softmax_kernel_impl
torch.tensor([[1, 2], [3, 4]]).log_softmax(0)

## fixed smooth_l1_loss with beta 0 is still SmoothL1LossBackward0
const x = torch.tensor([[0.5, -1.0], [2.0, 0.25]], { dtype: torch.float64, requires_grad: true });
const y = F.smooth_l1_loss(x, torch.zeros(2, 2, { dtype: torch.float64 }), { beta: 0.0 });
console.log(y);
y.backward();
x.grad

## fixed conv2d checks the bias dtype first
F.conv2d(torch.ones(1, 2, 4, 4, { dtype: torch.float64 }), torch.ones(2, 3, 2, 2, { dtype: torch.float64 }), torch.ones(3))

## fixed conv and pooling gradients through padding are fresh tensors
const x = torch.tensor([[[2.5, -0.75, 0.5]]], { dtype: torch.float64, requires_grad: true });
F.conv1d(x.transpose(0, 1), torch.tensor([[[-1.5, 2.0]]], { dtype: torch.float64 }), { padding: 1 }).sum().backward();
console.log(x.grad!.stride(), x.grad!.storage_offset());
const z = torch.arange(16.0).view(1, 1, 4, 4).requires_grad_();
F.avg_pool2d(z, 2, { padding: 1 }).sum().backward();
console.log(z.grad!.storage_offset(), z.grad);
const w = torch.arange(16.0).view(1, 1, 4, 4).requires_grad_();
F.max_pool2d(w, 2, { padding: 1 }).sum().backward();
console.log(w.grad!.storage_offset());
w.grad

## fixed logsigmoid's result is contiguous
const x = torch.tensor([[0.0, -1.0, 2.0], [-1.5, 0.5, 1.25]], { dtype: torch.float64 }).t();
const y = F.logsigmoid(x);
console.log(y.stride());
y

## fixed an empty leaf's gradient has storage offset 0
const x = torch.zeros([0, 1], { dtype: torch.float64, requires_grad: true });
F.linear(x, torch.tensor([0.5, 0.5], { dtype: torch.float64 }).getitem("::2")).sum().backward();
console.log(x.grad!.storage_offset());
x.grad

## fixed relu6 and hardtanh keep -0 as PyTorch's clamp does
F.relu6(torch.tensor([-0.0, 0.0, 7.0, -1.0, NaN]))

## fixed smooth_l1_loss with beta 0 has slope -1 at a zero difference
const a = torch.tensor([0.5, 1.0, 0.25], { dtype: torch.float64, requires_grad: true });
F.smooth_l1_loss(a, torch.full([3], 0.5, { dtype: torch.float64 }), { beta: 0.0, reduction: "sum" }).backward();
a.grad

## fixed batch_norm training gradient with a zero weight carries PyTorch's signs
const x = torch.tensor([[2.0, 0.5], [1.8, 2.0], [2.0, -1.3]], { dtype: torch.float64, requires_grad: true });
const y = F.batch_norm(x, null, null, { training: true, weight: torch.zeros(2, { dtype: torch.float64 }) });
y.mul(torch.arange(6, { dtype: torch.float64 }).view(3, 2).add(1)).sum().backward();
x.grad

## fixed cross_entropy takes a float label_smoothing
F.cross_entropy(torch.tensor([[1.0, 2.0, 0.5]]), torch.tensor([1]), { label_smoothing: 0.0 })
'''

print('// Seeded random cases over torch.nn.functional and the products, written by test/golden/fuzz_nn.py (do not edit by hand).\n')
print(FOCUSED)
for seed in SEEDS:
  print('\n'.join(cases_for(seed, CASES_PER_SEED)))
