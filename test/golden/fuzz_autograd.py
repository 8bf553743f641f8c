# Writes test/golden/cases/fuzz_autograd.txt: seeded random autograd situations over float64 leaves (so gradients
# compare to PyTorch's within 1e-10): chains of elementwise ops, reductions over dims, views, joins and matrix
# products, with kinks and ties in the leaf values (relu/abs/clamp at their corners, amax and maximum over equal
# values, prod and norm over zeros); in-place ops on non-leaf tensors and their views (CopySlices), on tensors saved
# for backward (the version-counter error), on leaves and under set_grad_enabled(false); detach and detach_; backward
# twice, with retain_graph, with a gradient, on non-scalars; torch.autograd.grad with create_graph and allow_unused;
# tensor hooks; zeroing and resetting .grad between steps. Cases print grad_fn names, the names of
# grad_fn.next_functions, requires_grad and is_leaf besides the gradients. Regenerate with:
#     python3 test/golden/fuzz_autograd.py > test/golden/cases/fuzz_autograd.txt && npm run golden -- fuzz_autograd
import random

SEED = 23
R = random.Random(SEED)
# Values with ties and zeros, so that kinks and equal maxima are reached, exactly representable in float64.
VALS = ['-1.5', '-1.0', '-0.5', '0.0', '0.5', '1.0', '2.0', '0.25', '-0.25', '1.5', '0.75']


def pick(*xs): return R.choice(xs)


def numel(shape):
    n = 1
    for s in shape: n *= s
    return n


def sz(s): return '[' + ', '.join(map(str, s)) + ']'


def literal(shape):
    if not shape: return R.choice(VALS)
    return '[' + ', '.join(literal(shape[1:]) for _ in range(shape[0])) + ']'


def leaf(name, shape, dtype='torch.float64'):
    return f'const {name} = torch.tensor({literal(shape)}, {{ dtype: {dtype}, requires_grad: true }});'


def rshape(max_rank=3):
    return [R.choice([1, 2, 3, 4]) for _ in range(R.randint(1, max_rank))]


class Chain:
    """Builds `const aN = a(N-1).op;` lines while tracking shapes; other leaves are declared as they are needed."""

    def __init__(self, shape):
        self.lines = [leaf('x', shape)]
        self.leaves = ['x']
        self.vars = [('x', shape)]
        self.leaf_views = {'x'}
        self.n = 0

    def new_leaf(self, shape):
        name = f'w{len(self.leaves)}'
        self.lines.append(leaf(name, shape))
        self.leaves.append(name)
        return name

    def push(self, expr, shape):
        self.n += 1
        name = f'a{self.n}'
        self.lines.append(f'const {name} = {expr};')
        self.vars.append((name, shape))
        return name

    @property
    def cur(self): return self.vars[-1]


UNARY = ['exp()', 'tanh()', 'sigmoid()', 'sin()', 'neg()', 'mul(2.5)', 'add(1)', 'pow(2)', 'square()', 'abs()', 'relu()',
         'clamp(-0.5, 1.0)', 'clamp_min(0.0)', 'clamp_max(0.5)', 'abs().add(0.5).sqrt()', 'abs().add(0.5).log()', 'div(4.0)',
         'sub(0.5)', 'pow(3)', 'abs().pow(1.5)', 'reciprocal_safe', 'where', 'rsub', 'sign_mul']


def unary(c, a, shape):
    op = R.choice(UNARY)
    if op == 'reciprocal_safe': return f'{a}.abs().add(1).reciprocal()', shape
    if op == 'where': return f'torch.where({a}.gt({pick("0", "0.5", "-0.5")}), {a}, {a}.mul(0.1))', shape
    if op == 'rsub': return f'torch.rsub({a}, 1)', shape
    if op == 'sign_mul': return f'{a}.mul({a}.sign())', shape
    return f'{a}.{op}', shape


def broadcast_shape(shape):
    """A shape that broadcasts against `shape`: a suffix, or ones in some dims."""
    r = R.random()
    if r < 0.3 and shape: return shape[1:]
    if r < 0.6: return [1 if R.random() < 0.5 else s for s in shape]
    return list(shape)


def binary(c, a, shape):
    op = pick('mul', 'add', 'sub', 'div', 'maximum', 'minimum', 'mul', 'self')
    if op == 'self': return f'{a}.mul({a}.add(1))', shape
    ws = broadcast_shape(shape)
    w = c.new_leaf(ws)
    if op == 'div': return f'{a}.div({w}.abs().add(1))', shape
    if R.random() < 0.3 and op in ('mul', 'add', 'sub'): return f'torch.{op}({w}, {a})', shape
    return f'{a}.{op}({w})', shape


def reduce(c, a, shape):
    if not shape: return f'{a}.{pick("sum()", "mean()", "mul(2)")}', []
    d = R.randrange(len(shape))
    dd = d - len(shape) if R.random() < 0.3 else d
    keep = R.random() < 0.5
    out = [1 if i == d else s for i, s in enumerate(shape)] if keep else [s for i, s in enumerate(shape) if i != d]
    k = 'true' if keep else 'false'
    op = pick('sum', 'mean', 'amax', 'prod', 'norm', 'std', 'logsumexp', 'max', 'full', 'amin', 'sumdims')
    if op == 'full': return f'{a}.{pick("sum()", "mean()", "amax()", "prod()", "norm()", "max()")}', []
    if op == 'norm': return f'{a}.norm({{ dim: {dd}, keepdim: {k} }})', out
    # std over a single element is nan with a warning (PyTorch warns on stderr, which is not compared); kept.
    if op == 'std': return f'{a}.std({{ dim: {dd}, keepdim: {k} }})', out
    if op == 'max': return f'{a}.max({dd}, {k}).values', out
    if op == 'sumdims' and len(shape) >= 2:
        out = [1] * len(shape) if keep else []
        return f'{a}.sum([0, {len(shape) - 1}], {k})' if len(shape) == 2 else f'{a}.sum({{ dim: [0, -1], keepdim: {k} }})', (out if len(shape) == 2 else ([1, shape[1], 1] if keep else [shape[1]]))
    if op == 'sumdims': op = 'sum'
    return f'{a}.{op}({dd}, {k})', out


def view(c, a, shape):
    nd = len(shape)
    choices = ['unsqueeze', 'reshape']
    if nd >= 1: choices += ['getitem', 'getitem', 'narrow', 'select']
    # flatten of a 1-d tensor is the tensor itself (a leaf has no grad_fn to print)
    if nd >= 2: choices += ['flatten']
    if nd == 2: choices += ['t', 't']
    if nd >= 2: choices += ['transpose', 'getitem2']
    if nd == 3: choices += ['permute']
    if 1 in shape: choices += ['squeeze', 'expand']
    if nd <= 2: choices += ['expand_new']
    op = R.choice(choices)
    if op == 't': return f'{a}.t()', shape[::-1]
    if op == 'transpose':
        i, j = R.sample(range(nd), 2)
        s = list(shape); s[i], s[j] = s[j], s[i]
        return f'{a}.transpose({i}, {j - nd if R.random() < 0.3 else j})', s
    if op == 'permute':
        p = list(range(3)); R.shuffle(p)
        return f'{a}.permute({", ".join(map(str, p))})', [shape[i] for i in p]
    if op == 'unsqueeze':
        d = R.randint(0, nd)
        return f'{a}.unsqueeze({d})', shape[:d] + [1] + shape[d:]
    if op == 'squeeze':
        d = R.choice([i for i, s in enumerate(shape) if s == 1])
        if R.random() < 0.3: return f'{a}.squeeze()', [s for s in shape if s != 1]
        return f'{a}.squeeze({d})', shape[:d] + shape[d + 1:]
    if op == 'expand':
        d = R.choice([i for i, s in enumerate(shape) if s == 1])
        s = list(shape); s[d] = 3
        args = ', '.join('3' if i == d else '-1' for i in range(nd))
        return f'{a}.expand({args})', s
    if op == 'expand_new':
        return f'{a}.expand({", ".join(["2"] + [str(s) if R.random() < 0.5 else "-1" for s in shape])})', [2] + shape
    if op == 'reshape':
        n = numel(shape)
        target = pick([n], [1, n], [n, 1]) if n % 2 else pick([2, n // 2], [n // 2, 2], [n], [2, -1])
        real = [n // 2 if t == -1 else t for t in target]
        # view needs strides compatible with the new shape; contiguous() first keeps it a success.
        fn = pick('reshape', 'reshape', 'contiguous().view')
        return f'{a}.{fn}({", ".join(map(str, target))})', real
    if op == 'flatten': return f'{a}.flatten()', [numel(shape)]
    if op == 'narrow':
        d = R.randrange(nd)
        if shape[d] < 2: return f'{a}.narrow({d}, 0, 1)', shape
        st = R.randint(0, shape[d] - 1); ln = R.randint(1, shape[d] - st)
        s = list(shape); s[d] = ln
        return f'{a}.narrow({d}, {st}, {ln})', s
    if op == 'select':
        d = R.randrange(nd); i = R.randrange(shape[d])
        if R.random() < 0.3: i -= shape[d]
        return f'{a}.select({d}, {i})', shape[:d] + shape[d + 1:]
    if op == 'getitem':
        k = R.choice(['::2', '1:', ':-1', '-1', '0', 'None', '...', '1::2'])
        if k in ('1:', ':-1', '1::2') and shape[0] < 2: k = '::2'
        s = list(shape)
        if k == '::2': s[0] = (s[0] + 1) // 2
        elif k in ('1:', ':-1'): s[0] -= 1
        elif k == '1::2': s[0] = s[0] // 2
        elif k in ('-1', '0'): s = s[1:]
        elif k == 'None': s = [1] + s
        return f'{a}.getitem("{k}")', s
    # getitem2: a step or select in the last dim
    k = R.choice([':, ::2', '..., 0', ':, 1:', '..., -1'])
    if k == ':, 1:' and shape[1] < 2: k = ':, ::2'
    s = list(shape)
    if k == ':, ::2': s[1] = (s[1] + 1) // 2
    elif k == ':, 1:': s[1] -= 1
    else: s = s[:-1]
    return f'{a}.getitem("{k}")', s


def join(c, a, shape):
    op = pick('cat', 'stack', 'split', 'chunk', 'unbind', 'catleaf')
    nd = len(shape)
    if op in ('split', 'chunk', 'unbind') and nd == 0: op = 'stack'
    if op == 'cat' and nd == 0: op = 'stack'
    if op == 'catleaf' and nd == 0: op = 'stack'
    if op == 'cat':
        d = R.randrange(nd); s = list(shape); s[d] *= 2
        return f'torch.cat([{a}, {a}.mul(2)], {d})', s
    if op == 'catleaf':
        d = R.randrange(nd); s = list(shape); s[d] += 1
        ws = list(shape); ws[d] = 1
        w = c.new_leaf(ws)
        return f'torch.cat([{w}, {a}], {d - nd if R.random() < 0.3 else d})', s
    if op == 'stack':
        d = R.randint(0, nd)
        return f'torch.stack([{a}, {a}.exp(), {a}], {d})', shape[:d] + [3] + shape[d:]
    d = R.randrange(nd)
    if op == 'unbind':
        i = R.randrange(shape[d])
        return f'{a}.unbind({d})[{i}]', shape[:d] + shape[d + 1:]
    if op == 'split':
        k = R.randint(1, max(1, shape[d]))
        parts = [min(k, shape[d] - j) for j in range(0, shape[d], k)]
        i = R.randrange(len(parts))
        s = list(shape); s[d] = parts[i]
        return f'{a}.split({k}, {d})[{i}]', s
    n = R.randint(1, 3)
    k = -(-shape[d] // n)
    parts = [min(k, shape[d] - j) for j in range(0, shape[d], k)]
    i = R.randrange(len(parts))
    s = list(shape); s[d] = parts[i]
    return f'{a}.chunk({n}, {d})[{i}]', s


def matmul(c, a, shape):
    nd = len(shape)
    k = R.randint(1, 3)
    if nd == 0: return f'{a}.mul({a})', shape
    if nd == 1:
        if R.random() < 0.4:
            w = c.new_leaf([shape[0]])
            return f'{pick("torch.dot", "torch.matmul")}({a}, {w})', []
        w = c.new_leaf([shape[0], k])
        return f'{a}.matmul({w})', [k]
    if nd == 2:
        r = R.random()
        if r < 0.3:
            w = c.new_leaf([k, shape[0]])
            return f'{w}.mm({a})', [k, shape[1]]
        w = c.new_leaf([shape[1], k])
        return f'{a}.{pick("mm", "matmul")}({w})', [shape[0], k]
    if R.random() < 0.5:
        w = c.new_leaf([shape[0], shape[2], k])
        return f'{a}.bmm({w})', [shape[0], shape[1], k]
    w = c.new_leaf([shape[2], k])
    return f'torch.matmul({a}, {w})', [shape[0], shape[1], k]


INPLACE = ['mul_(2)', 'add_(1)', 'clamp_(-0.5, 0.5)', 'relu_()', 'exp_()', 'neg_()', 'sigmoid_()', 'abs_()', 'sub_(0.25)']


def chain_case():
    c = Chain(rshape())
    steps = R.randint(2, 5)
    retained = None
    for _ in range(steps):
        a, shape = c.cur
        if numel(shape) > 64 or len(shape) > 4:
            expr, s = reduce(c, a, shape)
        else:
            kind = R.choices(['unary', 'binary', 'reduce', 'view', 'join', 'matmul'], [4, 3, 2, 4, 2, 2])[0]
            expr, s = {'unary': unary, 'binary': binary, 'reduce': reduce, 'view': view, 'join': join, 'matmul': matmul}[kind](c, a, shape)
        name = c.push(expr, s)
        if kind == 'view' and a in c.leaf_views: c.leaf_views.add(name)
        if retained is None and R.random() < 0.4:
            c.lines.append(f'{name}.retain_grad();')
            retained = name
        # An in-place op on a non-leaf result: its grad_fn changes (or CopySlices reaches its base when it is a
        # view), and PyTorch refuses it where a view from split/unbind, an expanded tensor or a saved value is hit.
        if name not in c.leaf_views and R.random() < 0.12:
            c.lines.append(f'{name}.{R.choice(INPLACE)};')
    a, shape = c.cur
    r = R.random()
    if r < 0.5 and shape:
        c.lines.append(f'const wt = torch.arange({numel(shape)}, {{ dtype: torch.float64 }}).add(1).reshape({sz(shape)});')
        c.lines.append(f'const out = {a}.mul(wt).sum();')
    else:
        c.lines.append(f'const out = {a}.{pick("sum()", "mean()")};')
    probe = R.choice([v for v, _ in c.vars[1:]])
    c.lines.append(f'console.log(out.grad_fn!.name(), {probe}.grad_fn!.name(), {probe}.requires_grad, {probe}.is_leaf);')
    c.lines.append(f'console.log({probe}.grad_fn!.next_functions[0][0]!.name(), {probe}.grad_fn!.next_functions[0][1]);')
    c.lines.append('out.backward();')
    if R.random() < 0.3: c.lines.append(f'console.log({c.vars[-1][0]});')
    res = [f'{l}.grad' for l in c.leaves]
    if retained: res.append(f'{retained}.grad')
    c.lines.append('[' + ', '.join(res) + ']')
    return c.lines


def saved_op():
    """An op that saves its input or output for backward (or, sometimes, one that saves nothing)."""
    return pick('exp()', 'sin()', 'mul(y)', 'pow(2)', 'sigmoid()', 'tanh()', 'add(1)', 'sum()', 'mul(2)', 'sqrt()', 'div(y.detach().add(3))',
                'prod()', 'norm()', 'amax()', 'relu()', 'abs()', 'mul(y.detach())', 'div(3)', 'mul(torch.ones_like(y))', 'getitem("0")', 'unsqueeze(0)')


def inplace_case():
    kind = R.choice(['nonleaf', 'nonleaf', 'view', 'view', 'saved', 'saved', 'saved', 'saved_view', 'leaf', 'leafview', 'nograd', 'nograd', 'detach', 'detach_', 'detach_', 'detach_view', 'saved_output', 'saved_output', 'split_view', 'expand'])
    shape = [R.choice([2, 3, 4])] if R.random() < 0.6 else [R.choice([2, 3]), R.choice([2, 3])]
    dt = 'torch.float32' if kind in ('saved', 'saved_output', 'saved_view') and R.random() < 0.5 else 'torch.float64'
    L = [leaf('x', shape, dt)]
    ip = R.choice(INPLACE)
    pre = pick('x.mul(2)', 'x.add(1)', 'x.exp()', 'x.clone()', 'x.sin()', 'x.mul(x)', 'x.neg()', 'x.div(2)')
    if kind == 'nonleaf':
        L += [f'const y = {pre};', f'y.{ip};', 'console.log(y.grad_fn!.name(), y._version, y.grad_fn!.next_functions[0][0]!.name());',
              f'y.{R.choice(INPLACE)};', 'y.sum().backward();', '[x.grad, y]']
    elif kind == 'view':
        idx = pick('"0"', '"::2"', '"1:"', '"-1"', '"..., 0"' if len(shape) == 2 else '"0:1"', '":1"')
        L += [f'const y = {pre};', f'const v = y.getitem({idx});', f'v.{ip};',
              'console.log(y.grad_fn!.name(), v.grad_fn!.name(), v._version, y._version);', 'console.log(y);']
        if R.random() < 0.5: L += ['v.sum().backward();']
        else: L += ['y.pow(2).sum().backward();']
        L += ['x.grad']
    elif kind in ('saved', 'saved_output'):
        op = saved_op()
        L += [f'const y = {pre};', f'const z = y.{op};']
        if kind == 'saved': L += [f'y.{ip};']
        else: L += [f'z.{ip};']
        L += ['console.log(y._version, z._version);', 'z.sum().backward();', 'x.grad']
    elif kind == 'saved_view':
        idx = pick('"0"', '"::2"', '"1:"')
        op = pick('exp()', 'sin()', 'pow(2)', 'mul(y)', 'add(1)')
        L += [f'const y = {pre};', f'const z = y.{op};', f'y.getitem({idx}).{ip};', 'z.sum().backward();', 'x.grad']
    elif kind == 'leaf':
        L += [f'x.{ip};', 'x']
    elif kind == 'leafview':
        v = pick('getitem("0")', 'getitem("::2")', 't()' if len(shape) == 2 else 'unsqueeze(0)', 'view(-1)', 'narrow(0, 0, 1)')
        L += [f'const v = x.{v};', f'v.{ip};', 'v']
    elif kind == 'nograd':
        L += [f'const y = {pre};', 'torch.set_grad_enabled(false);', f'x.{ip};', f'const z = x.mul(3);', f'y.{ip};', 'torch.set_grad_enabled(true);',
              'console.log(z.requires_grad, z.grad_fn, x._version, y.grad_fn!.name());', f'const u = y.add(x).{pick("sum()", "mean()")};', 'u.backward();', 'x.grad']
    elif kind == 'detach':
        L += [f'const y = {pre};', 'const d = y.detach();', f'd.{ip};', 'console.log(d.requires_grad, d.is_leaf, y._version, d._version);',
              f'const z = y.{saved_op() if R.random() < 0.5 else "add(1)"};', 'z.sum().backward();', '[x.grad, y]']
    elif kind == 'detach_':
        L += [f'const y = {pre};', 'const z = y.mul(2);', 'y.detach_();', 'console.log(y.requires_grad, y.is_leaf, y.grad_fn);',
              'z.sum().backward();', '[x.grad, y]']
    elif kind == 'detach_view':
        v = pick('getitem("0")', 'view(-1)', 'unsqueeze(0)', 'narrow(0, 0, 1)', 'expand(2, ' + ', '.join('-1' for _ in shape) + ')')
        L += [f'const y = {pre}.{v};', 'y.detach_();', 'y']
    elif kind == 'split_view':
        f = pick('split(1, 0)', 'unbind(0)', 'chunk(2, 0)')
        L += [f'const parts = {pre}.{f};', f'parts[0].{ip};', 'parts[0]']
    else:
        L += [f'const y = {pre}.getitem("0:1").expand({shape[0]}{", -1" if len(shape) == 2 else ""});', f'y.{ip};', 'y']
    return L


def grad_op():
    return pick('x.mul(x)', 'x.exp()', 'x.pow(3)', 'x.sin()', 'x.mul(2)', 'x.add(1)', 'x.tanh()', 'x.sigmoid()', 'x.abs()', 'x.relu()',
                'x.prod()', 'x.norm()', 'x.amax()', 'x.std()', 'x.logsumexp(0)', 'x.square().mean()', 'x.flip(0).mul(x)',
                'x.clamp(-0.5, 0.5)', 'x.cumsum(0).mul(x)')


def backward_case():
    kind = R.choice(['twice', 'retain', 'nonscalar', 'gradient', 'gradient_bad', 'grad_create', 'grad_unused', 'grad_unused_err',
                     'hook_leaf', 'hook_nonleaf', 'zero', 'null', 'accum', 'grad_no_touch', 'retain_grad_twice', 'hook_retain', 'multi_out'])
    n = R.randint(2, 4)
    L = [leaf('x', [n])]
    f = grad_op()
    if kind == 'twice': L += [f'const y = {f}.sum();', 'y.backward();', 'y.backward();', 'x.grad']
    elif kind == 'retain': L += [f'const y = {f}.sum();', 'y.backward({ retain_graph: true });', 'console.log(x.grad);', 'y.backward();', 'x.grad']
    elif kind == 'nonscalar': L += [f'const y = {f}.mul(x);', 'y.backward();', 'x.grad']
    elif kind == 'gradient':
        L += [f'const y = x.unsqueeze(1).mul({f}).mul(x.unsqueeze(0));' if R.random() < 0.4 else f'const y = {f}.add(x);']
        L += ['const g = torch.arange(y.numel(), { dtype: torch.float64 }).sub(1).reshape(y.shape);', 'y.backward(g);', 'x.grad']
    elif kind == 'gradient_bad': L += [f'const y = {f}.add(x);', f'y.backward(torch.ones({n + 1}, {{ dtype: torch.float64 }}));', 'x.grad']
    elif kind == 'grad_create':
        # abs's second derivative is PyTorch's unallocated "efficient zero" tensor, whose values cannot be read.
        if f == 'x.abs()': f = 'x.mul(x)'
        L += [f'const y = {f}.sum();', 'const [g] = torch.autograd.grad(y, x, { create_graph: true });',
              'console.log(g!.requires_grad, g!.is_leaf, x.grad);']
        if R.random() < 0.5: L += ['g!.mul(x).sum().backward();', 'x.grad']
        else: L += ['torch.autograd.grad(g!.sum(), x, { allow_unused: true })[0]']
    elif kind == 'grad_unused':
        L += [leaf('w', [n]), f'const y = {f}.sum();', 'const gs = torch.autograd.grad([y], [x, w], { allow_unused: true });', 'console.log(gs[1]);', 'gs']
    elif kind == 'grad_unused_err':
        L += [leaf('w', [n]), f'const y = {f}.sum();', 'torch.autograd.grad(y, [w, x])']
    elif kind == 'hook_leaf':
        h = pick('(g) => g.mul(2)', '(g) => g.add(1)', '(g) => g.clamp(-1, 1)', '(g) => g.neg()')
        L += [f'x.register_hook({h});', f'{f}.sum().backward();', 'x.grad']
    elif kind == 'hook_nonleaf':
        h = pick('(g) => g.mul(2)', '(g) => g.add(1)', '(g) => g.mul(0)', '(g) => g.neg()')
        L += [f'const y = {f};', f'y.register_hook({h});', 'y.retain_grad();' if R.random() < 0.5 else 'console.log(y.requires_grad);',
              'y.mul(y).sum().backward();', '[x.grad, y.grad]']
    elif kind == 'zero':
        L += [f'{f}.sum().backward();', 'console.log(x.grad);', 'x.grad!.zero_();', f'{f}.mul(2).sum().backward();', 'x.grad']
    elif kind == 'null':
        L += [f'{f}.sum().backward();', 'x.grad = null;', 'console.log(x.grad);', f'{f}.sum().backward();', 'x.grad']
    elif kind == 'accum':
        L += [f'{f}.sum().backward();', 'const first = x.grad!.clone();', f'x.mul(3).sum().backward();', '[first, x.grad]']
    elif kind == 'grad_no_touch':
        L += [f'const y = {f}.sum();', 'const [g] = torch.autograd.grad(y, x);', 'console.log(x.grad, g!.requires_grad);', 'g']
    elif kind == 'retain_grad_twice':
        L += [f'const y = {f};', 'y.retain_grad();', 'const z = y.mul(y).sum();', 'z.backward({ retain_graph: true });', 'z.backward();', '[x.grad, y.grad]']
    elif kind == 'hook_retain':
        L += [f'const y = {f};', 'y.retain_grad();', 'y.register_hook((g) => g.mul(10));', 'y.sum().backward();', '[x.grad, y.grad]']
    else:
        L += ['const parts = x.mul(2).unbind(0);', 'const s = parts[0].mul(parts[1]);', 'console.log(s.grad_fn!.next_functions[1][0]!.name(), s.grad_fn!.next_functions[1][1]);',
              's.backward();', 'x.grad']
    return L


def build():
    out = ['// Seeded random autograd cases, written by test/golden/fuzz_autograd.py (do not edit by hand).\n']
    sections = [('chain', chain_case, 180), ('inplace', inplace_case, 90), ('backward', backward_case, 90)]
    for label, fn, count in sections:
        for i in range(count):
            out.append(f'## fuzz autograd {label} {i}\n' + '\n'.join(fn()) + '\n')
    return '\n'.join(out)


print(build())
