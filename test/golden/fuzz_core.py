# Writes test/golden/cases/fuzz_core.txt: seeded random cases over the core API around the ops (creation and dtype
# inference, casts and type promotion, the random streams, printing and print options, the autograd API). The golden
# generator runs them through PyTorch like any family:
#     python3 test/golden/fuzz_core.py > test/golden/cases/fuzz_core.txt && npm run golden -- fuzz_core
# Seeds are fixed so the file is stable.
import random

SEED = 11
DT = ['torch.float32', 'torch.float64', 'torch.int64', 'torch.int32', 'torch.bool']
FLOAT_DT = ['torch.float32', 'torch.float64']
R = random.Random(SEED)


def pick(*xs): return R.choice(xs)
def bools(): return pick('true', 'false')


def mixed_scalar(kinds):
    k = R.choice(kinds)
    if k == 'int': return str(R.randint(-6, 6))
    if k == 'float': return pick('0.5', '-1.5', '2.0', '3.', '1e-3', '-0.0', '2.25', '1e10')
    return bools()


def nested(shape, kinds):
    if not shape: return mixed_scalar(kinds)
    return '[' + ', '.join(nested(shape[1:], kinds) for _ in range(shape[0])) + ']'


def shape(max_rank=3, max_dim=4):
    return [R.randint(1, max_dim) for _ in range(R.randint(0, max_rank))]


def sz(s): return '[' + ', '.join(map(str, s)) + ']'


def show(expr): return [f'console.log({expr});', expr]


# --- creation -----------------------------------------------------------------------------------------------------

def c_tensor():
    kinds = R.sample(['int', 'float', 'bool'], R.randint(1, 3))
    s = shape() or [R.randint(0, 3)] if R.random() < 0.3 else shape()
    data = nested(s, kinds) if s != [0] else '[]'
    opts = []
    if R.random() < 0.35: opts.append(f'dtype: {R.choice(DT)}')
    if R.random() < 0.25: opts.append('requires_grad: true')
    o = f', {{ {", ".join(opts)} }}' if opts else ''
    return show(f'torch.tensor({data}{o})')


def c_fill():
    s = [R.randint(0, 3) for _ in range(R.randint(0, 3))]
    fn = pick('zeros', 'ones', 'full', 'empty')
    opts = []
    if R.random() < 0.5: opts.append(f'dtype: {R.choice(DT)}')
    if R.random() < 0.2: opts.append('requires_grad: true')
    o = f', {{ {", ".join(opts)} }}' if opts else ''
    if fn == 'full':
        e = f'torch.full({sz(s)}, {mixed_scalar(["int", "float", "bool"])}{o})'
    elif fn == 'empty':
        e = f'torch.empty({sz(s)}{o})'
        return [f'const t = {e};', 'console.log(t.shape, t.dtype, t.requires_grad, t.stride());', 't.shape']
    else:
        e = f'torch.{fn}({", ".join(map(str, s)) if s and R.random() < 0.5 else sz(s)}{o})'
    return show(e)


def c_arange():
    r = R.random()
    if r < 0.3: args = [str(R.randint(-5, 12))]
    elif r < 0.55: args = [str(R.randint(-5, 5)), str(R.randint(-5, 12))]
    else:
        a = pick(str(R.randint(-5, 5)), '%.1f' % R.uniform(-3, 3), '0.1', '-1.0')
        b = pick(str(R.randint(-5, 8)), '%.2f' % R.uniform(-3, 5), '1.0', '2.5')
        st = pick('1', '2', '-1', '-2', '0.5', '-0.25', '0.1', '0.3', '0', '3')
        args = [a, b, st]
    opts = f', {{ dtype: {R.choice(DT[:4])} }}' if R.random() < 0.3 else ''
    return show(f'torch.arange({", ".join(args)}{opts})')


def c_linspace():
    a, b = pick(str(R.randint(-5, 5)), '%.1f' % R.uniform(-3, 3)), pick(str(R.randint(-5, 10)), '%.2f' % R.uniform(-3, 5))
    n = R.choice([0, 1, 2, 3, 5, 7])
    opts = f', {{ dtype: {R.choice(DT[:4])} }}' if R.random() < 0.4 else ''
    return show(f'torch.linspace({a}, {b}, {n}{opts})')


def c_eye():
    n = R.randint(0, 4)
    m = f', {R.randint(0, 4)}' if R.random() < 0.5 else ''
    opts = f', {{ dtype: {R.choice(DT)} }}' if R.random() < 0.5 else ''
    return show(f'torch.eye({n}{m}{opts})')


def c_like():
    src_dt = R.choice(DT)
    s = shape()
    L = [f'const x = torch.ones({sz(s)}, {{ dtype: {src_dt} }});']
    fn = pick('zeros_like', 'ones_like', 'full_like', 'new_zeros', 'new_ones', 'new_full', 'new_tensor', 'new_empty')
    opts = f', {{ dtype: {R.choice(DT)} }}' if R.random() < 0.5 else ''
    s2 = shape()
    if fn == 'full_like': e = f'torch.full_like(x, {mixed_scalar(["int", "float", "bool"])}{opts})'
    elif fn.endswith('_like'): e = f'torch.{fn}(x{opts})'
    elif fn == 'new_full': e = f'x.new_full({sz(s2)}, {mixed_scalar(["int", "float", "bool"])}{opts})'
    elif fn == 'new_tensor': e = f'x.new_tensor({nested(s2, R.sample(["int", "float", "bool"], R.randint(1, 3)))}{opts})'
    elif fn == 'new_empty':
        return L + [f'const t = x.new_empty({sz(s2)}{opts});', 'console.log(t.shape, t.dtype);', 't.shape']
    else: e = f'x.{fn}({sz(s2)}{opts})'
    return L + show(e)


def c_legacy():
    fn = pick('FloatTensor', 'DoubleTensor', 'LongTensor', 'IntTensor', 'BoolTensor', 'as_tensor')
    data = nested([R.randint(1, 3)], R.sample(['int', 'float', 'bool'], R.randint(1, 3)))
    if fn == 'as_tensor' and R.random() < 0.5: return show(f'torch.as_tensor({data}, {{ dtype: {R.choice(DT)} }})')
    return show(f'torch.{fn}({data})')


SPECIAL = ['NaN', 'Infinity', '-Infinity', '-0.0', '0.5', '-0.5', '1.5', '-2.5', '2.5', '-1.7', '1e10', '-1e10',
           '3e9', '-3e9', '255.9', '-129.5', '1e20', '2147483647.0', '4294967296.0']


def c_cast():
    src = pick('torch.float32', 'torch.float64')
    vals = R.sample(SPECIAL, R.randint(1, 6))
    L = [f'const x = torch.tensor([{", ".join(vals)}], {{ dtype: {src} }});']
    how = R.choice(['.float()', '.double()', '.long()', '.int()', '.bool()', '.to(torch.int64)', '.to(torch.int32)',
                    '.to(torch.bool)', '.to(torch.float32)', '.to(torch.float64)', '.to({ dtype: torch.int32 })'])
    return L + show(f'x{how}')


def c_int_cast():
    src = R.choice(DT[2:])
    vals = {'torch.int64': ['0', '1', '-1', '2147483648', '-2147483649', '4503599627370496', '-7', '255', '256'],
            'torch.int32': ['0', '1', '-1', '2147483647', '-2147483648', '255', '-129'],
            'torch.bool': ['true', 'false']}[src]
    L = [f'const x = torch.tensor([{", ".join(R.sample(vals, R.randint(1, len(vals))))}], {{ dtype: {src} }});']
    how = R.choice(['.float()', '.double()', '.long()', '.int()', '.bool()'])
    return L + show(f'x{how}')


def c_overflow():
    v = R.choice(SPECIAL + ['2147483648', '-2147483649', '9223372036854775807', '1e300'])
    dt = R.choice(DT[:4])
    e = pick(f'torch.tensor([{v}], {{ dtype: {dt} }})', f'torch.tensor({v}, {{ dtype: {dt} }})', f'torch.full([2], {v}, {{ dtype: {dt} }})',
             f'torch.zeros(2, {{ dtype: {dt} }}).fill_({v})', f'torch.zeros(2, {{ dtype: {dt} }}).fill_(torch.tensor({v}, {{ dtype: torch.float64 }}))',
             f'torch.zeros(2, {{ dtype: {dt} }}).copy_(torch.tensor([{v}, 1.5]))', f'torch.zeros(2, {{ dtype: {dt} }}).add_({v})',
             f'torch.ones(3, {{ dtype: {dt} }}).mul({v})', f'torch.zeros(20, {{ dtype: torch.float64 }}).add({v}).to({dt})')
    return show(e)


def c_to():
    src = R.choice(DT)
    s = [R.randint(1, 3) for _ in range(R.randint(1, 3))]
    L = [f'const x = torch.arange({eval("*".join(map(str, s)))}).sub(2).reshape({sz(s)}).to({src});']
    v = pick('x', 'x.t()' if len(s) == 2 else 'x.transpose(0, -1)', 'x.getitem("::2")', 'x.expand(2' + ', -1' * len(s) + ')', 'x.flip(0)')
    dst = R.choice(DT)
    e = pick(f'{v}.to({dst})', f'{v}.to({{ dtype: {dst} }})', f'{v}.to({dst}, {{ copy: true }})', f'{v}.type({dst})', f'{v}.to(torch.ones(1, {{ dtype: {dst} }}))',
             f'{v}.{pick("float", "double", "long", "int", "bool")}()', f'torch.tensor({v}, {{ dtype: {dst} }})', f'torch.as_tensor({v}, {{ dtype: {dst} }})',
             f'{v}.clone().{pick("add_", "mul_", "sub_", "div_")}({pick("1.5", "2", "true", "torch.tensor(1.5)", "torch.tensor([1.5])")})',
             f'{v}.new_tensor({v})', f'{v}.to("cpu")')
    # y.type() needs y typed as a Tensor: x.type(dtype) is typed as string | Tensor.
    if R.random() < 0.3: return L + [f'const y = {e.replace(".type(", ".to(")};', 'console.log(y.type(), y.dtype, y.stride(), y.is_contiguous());', 'y']
    return L + show(e)


def c_default_dtype():
    # Everything that falls back on the default float dtype, under float64.
    e = pick('torch.tensor([1.5, 2])', 'torch.tensor(2.5)', 'torch.tensor([1, 2])', 'torch.arange(0.5, 3)', 'torch.arange(3)', 'torch.zeros(2)',
             'torch.ones(2, { dtype: torch.float32 })', 'torch.full([2], 1.5)', 'torch.full([2], 2)', 'torch.linspace(0, 1, 3)', 'torch.eye(2)',
             'torch.tensor([1, 2]).add(2.5)', 'torch.tensor([1, 2]).div(2)', 'torch.tensor([1, 2]).mean({ dtype: torch.float64 })', 'torch.tensor([true]).add(0.5)',
             'torch.tensor([1, 2]).float()', 'torch.tensor([1, 2]).sqrt()', 'torch.FloatTensor([1, 2])', 'torch.tensor([1, 2], { dtype: torch.float32 }).add(1.5)',
             'torch.result_type(torch.tensor([1]), 1.5)', 'torch.empty(2).dtype', 'torch.zeros_like(torch.tensor([1, 2]), { dtype: torch.float32 })',
             'torch.tensor([1, 2]).new_tensor([0.5])', 'torch.tensor([0.5], { dtype: torch.float32 }).new_tensor([0.5])', 'torch.as_tensor([0.5, 1])',
             'torch.tensor([1, 2]).true_divide(torch.tensor(2))', 'torch.tensor([1, 2]).pow(0.5)', 'torch.tensor([1, 2]).mul(torch.tensor(1.5))',
             'torch.tensor([0.5], { dtype: torch.float32 }).mul(torch.tensor(1.5))', 'torch.tensor([1, 2]).atan2(torch.tensor([1, 1]))')
    e2 = pick('torch.tensor([1.5])', 'torch.rand(2).dtype', 'torch.randn(2).dtype', 'torch.arange(1.5).dtype', 'torch.tensor(2).div(3).dtype')
    return ['torch.set_default_dtype(torch.float64);', f'const a = {e};', 'torch.set_default_dtype(torch.float32);', f'const b = {e2};',
            'console.log(a, b);', '[a, b]']


def c_seq():
    # Sequences long enough for the vectorised halves (linspace fills from both ends, arange in lanes).
    dt = R.choice(DT[:4] + ['torch.float64', 'torch.float32'])
    if R.random() < 0.5:
        a = pick(str(R.randint(-50, 50)), '%.3f' % R.uniform(-10, 10), '1e-3', '-0.1')
        b = pick(str(R.randint(-50, 80)), '%.3f' % R.uniform(-10, 20), '1.0')
        n = R.choice([2, 3, 16, 17, 31, 32, 33, 64, 70, 101])
        return show(f'torch.linspace({a}, {b}, {n}, {{ dtype: {dt} }})')
    a = pick(str(R.randint(-40, 10)), '%.2f' % R.uniform(-5, 5), '-1.0', '0.1')
    st = pick('0.1', '0.3', '0.7', '1.5', '-0.1', '-0.45', '0.05', '3', '-2', '1e-2', '0.333')
    span = float(st) * R.randint(0, 80)
    b = '%.3f' % (float(a) + span + R.choice([0, 1e-3, -1e-3, 0.5 * float(st)]))
    return show(f'torch.arange({a}, {b}, {st}{", { dtype: " + dt + " }" if R.random() < 0.5 else ""})')


PROMO_VALS = ['torch.tensor(1.5)', 'torch.tensor(2)', 'torch.tensor(true)', 'torch.tensor(3, { dtype: torch.int32 })',
              'torch.tensor(2.5, { dtype: torch.float64 })', 'torch.tensor([1, 2])', 'torch.tensor([1, 2], { dtype: torch.int32 })',
              'torch.tensor([true, false])', 'torch.tensor([0.5, 1.5])', 'torch.tensor([1., 2.], { dtype: torch.float64 })',
              'torch.tensor([], { dtype: torch.int32 })', 'torch.zeros(0, { dtype: torch.float64 })']
PY_SCALARS = ['2', '2.5', 'true', 'false', '-3', '0', '2.0', '1e40']


def c_promote():
    a = R.choice(PROMO_VALS); b = R.choice(PROMO_VALS + PY_SCALARS)
    op = R.choice(['add', 'mul', 'sub', 'maximum', 'minimum', 'eq', 'where_', 'cat', 'true_divide', 'mul_', 'add_'])
    if op == 'where_': e = f'torch.where(torch.tensor(true), {a}, {b})' if not b[0].isdigit() and b not in ('true', 'false', '-3', '1e40') else f'{a}.add({b})'
    elif op == 'cat':
        b = R.choice(PROMO_VALS[5:])
        a = R.choice(PROMO_VALS[5:])
        e = f'torch.cat([{a}, {b}])'
    elif op.endswith('_'): e = f'{a}.clone().{op}({b})'
    else: e = f'{a}.{op}({b})'
    return [f'const r = {e};', 'console.log(r, r.dtype);', 'r']


CREATION = [c_tensor, c_tensor, c_fill, c_arange, c_arange, c_linspace, c_eye, c_like, c_like, c_legacy, c_cast, c_cast,
            c_int_cast, c_promote, c_promote, c_promote, c_overflow, c_overflow]

# --- random -------------------------------------------------------------------------------------------------------

RAND_SIZES = [0, 1, 2, 3, 5, 7, 8, 15, 16, 17, 20, 31, 32, 33, 47, 64, 70]


def rsize():
    if R.random() < 0.6: return [R.choice(RAND_SIZES)]
    return [R.randint(1, 5) for _ in range(R.randint(2, 3))]


def r_case():
    s = rsize(); n = 1
    for d in s: n *= d
    dt = R.choice(FLOAT_DT)
    fn = R.choice(['rand', 'randn', 'randint', 'randperm', 'normal1', 'normal2', 'normal3', 'normal4', 'uniform_', 'normal_',
                   'bernoulli', 'bernoulli_', 'rand_like', 'randn_like', 'randint_like', 'exponential_', 'random_', 'dropout',
                   'randn', 'rand', 'state', 'gen'])
    L = [f'torch.manual_seed({R.randint(0, 1000)});']
    do = f', {{ dtype: {dt} }}' if R.random() < 0.5 else ''
    if fn in ('rand', 'randn'): e = f'torch.{fn}({sz(s)}{do})'
    elif fn == 'randint':
        lo = R.choice([R.randint(-10, 5), -2 ** 40, -2 ** 31, 0]); hi = lo + R.choice([1, 2, 10, 1000, 100000, 2 ** 32, 2 ** 33 + 5, 2 ** 50])
        dto = f', {{ dtype: {R.choice(DT[:4])} }}' if R.random() < 0.4 else ''
        e = f'torch.randint({lo}, {hi}, {sz(s)}{dto})' if R.random() < 0.6 else f'torch.randint({hi if hi > 0 else 3}, {sz(s)}{dto})'
    elif fn == 'randperm': e = f'torch.randperm({R.choice(RAND_SIZES)}{pick("", ", { dtype: torch.float32 }", ", { dtype: torch.int32 }")})'
    elif fn == 'normal1': e = f'torch.normal(torch.arange({n}, {{ dtype: {dt} }}), torch.ones({n}, {{ dtype: {dt} }}).mul(0.5))'
    elif fn == 'normal2': e = f'torch.normal({pick("0.5", "-2.0", "3.")}, torch.ones({sz(s)}{do}))'
    elif fn == 'normal3': e = f'torch.normal(torch.zeros({sz(s)}{do}), {pick("0.5", "2.0", "1")})'
    elif fn == 'normal4': e = f'torch.normal({pick("0.5", "-2.0", "1")}, {pick("0.5", "2.0", "1")}, {sz(s)}{do})'
    elif fn == 'uniform_': e = f'torch.empty({sz(s)}{do}).uniform_({pick("", "-1, 1", "2, 5", "0.5")})'
    elif fn == 'normal_': e = f'torch.empty({sz(s)}{do}).normal_({pick("", "1, 2", "-3", "0.5, 0.1")})'
    elif fn == 'bernoulli': e = f'torch.bernoulli(torch.rand({sz(s)}{do}))' if R.random() < 0.5 else f'torch.full({sz(s)}, {pick("0.3", "0.5", "0.9")}{do}).bernoulli()'
    elif fn == 'bernoulli_': e = f'torch.zeros({sz(s)}{do}).bernoulli_({pick("0.5", "0.1", "0.75")})'
    elif fn == 'rand_like': e = f'torch.rand_like(torch.ones({sz(s)}{do}))'
    elif fn == 'randn_like': e = f'torch.randn_like(torch.ones({sz(s)}{do}))'
    elif fn == 'randint_like': e = f'torch.randint_like(torch.ones({sz(s)}{do}), {R.randint(1, 50)})'
    elif fn == 'exponential_': e = f'torch.empty({sz(s)}{do}).exponential_({pick("", "2.0", "0.5")})'
    elif fn == 'random_':
        dtr = R.choice(DT)
        e = f'torch.empty({sz(s)}, {{ dtype: {dtr} }}).random_({pick("", "", "10", "-5, 5", "0, 2", "0, 4294967296", "-1099511627776, 1099511627776", "5, null")})'
    elif fn == 'dropout': e = f'F.dropout(torch.ones({sz(s)}{do}), {pick("0.5", "0.2", "0.9", "0.0", "1.0")})'
    elif fn == 'state':
        f1 = pick('torch.rand', 'torch.randn')
        L += [f'{f1}({R.choice(RAND_SIZES)});', 'const s = torch.get_rng_state();', f'const a = {f1}({sz(s)});',
              f'torch.randn({R.choice([1, 3, 17])});', 'torch.set_rng_state(s);', f'const b = {f1}({sz(s)});',
              'console.log(a.equal(b));']
        e = 'b'
    else:
        gs = R.randint(0, 100)
        L += ['const g = torch.Generator();', f'g.manual_seed({gs});']
        e = pick(f'torch.rand({sz(s)}, {{ generator: g }})', f'torch.randn({sz(s)}, {{ generator: g }})',
                 f'torch.randperm({R.choice(RAND_SIZES)}, {{ generator: g }})', f'torch.randint(0, 7, {sz(s)}, {{ generator: g }})')
    # randn/normal values are compared within tolerance; printing them would make a last-bit difference in the
    # float32 transcendental math change a printed digit, so only the uniform and integer draws print.
    if fn in ('randn', 'normal1', 'normal2', 'normal3', 'normal4', 'normal_', 'randn_like', 'exponential_', 'state') or 'randn' in e:
        return L + [e]
    return L + show(e)


# --- printing -----------------------------------------------------------------------------------------------------

def pfloat():
    r = R.random()
    if r < 0.08: return pick('NaN', 'Infinity', '-Infinity')
    if r < 0.12: return '-0.0'
    if r < 0.3: return str(R.randint(-50, 50)) + '.'
    m = R.uniform(-1, 1) * 10 ** R.randint(-12, 12)
    return repr(float('%.4g' % m))


def p_case():
    kind = R.choice(['float', 'float', 'int', 'bool', 'big', 'summ', 'summ', 'empty', 'grad', 'opts', 'opts', 'opts'])
    L = []
    if kind == 'float':
        dt = R.choice(FLOAT_DT)
        s = shape(3, 4) or [R.randint(1, 4)]
        allint = R.random() < 0.2
        def v(): return (str(R.randint(-999, 999)) + '.') if allint else pfloat()
        def nest(sh): return v() if not sh else '[' + ', '.join(nest(sh[1:]) for _ in range(sh[0])) + ']'
        e = f'torch.tensor({nest(s)}, {{ dtype: {dt} }})'
    elif kind == 'int':
        dt = R.choice(DT[2:4]); k = R.randint(1, 9)
        bound = 10 ** R.randint(0, 9)
        e = f'torch.tensor([{", ".join(str(R.randint(-bound, bound)) for _ in range(k))}], {{ dtype: {dt} }})'
    elif kind == 'bool':
        s = shape(3, 3) or [2]
        e = f'torch.tensor({nested(s, ["bool"])})'
    elif kind == 'big':
        e = f'torch.tensor([{", ".join(str(R.randint(-2**52, 2**52)) for _ in range(R.randint(1, 5)))}])'
    elif kind == 'summ':
        rank = R.randint(1, 4)
        dims = [R.randint(1, 12) for _ in range(rank)]
        n = 1
        for d in dims: n *= d
        while n <= 1000:
            i = R.randrange(rank); dims[i] += R.randint(1, 15); n = 1
            for d in dims: n *= d
        if n > 20000: dims = [1001]; n = 1001
        f = pick('', '.float()', '.mul(0.5)', '.double().div(7)', '.sub(500).mul(1e-3)', '.mul(1e6)', '.eq(3)')
        e = f'torch.arange({n}).reshape({sz(dims)}){f}'
        # Only the printed text is of interest; the values would bloat the fixture.
        return [f'console.log({e});', f'{e}.shape']
    elif kind == 'empty':
        s = [R.randint(0, 3) for _ in range(R.randint(1, 4))]
        if 0 not in s: s[R.randrange(len(s))] = 0
        e = f'torch.zeros({sz(s)}, {{ dtype: {R.choice(DT)} }})'
    elif kind == 'grad':
        L.append(f'const x = torch.tensor([{", ".join(pfloat() for _ in range(R.randint(1, 4)))}], {{ requires_grad: true }});')
        e = pick('x', 'x.mul(2)', 'x.sum()', 'x.exp().log()', 'x.view(-1, 1)', 'x.detach()', 'x.clone()', 'x.getitem("0")', 'x.add(1).t()')
        if 'exp' in e: return L + [e]
    else:
        opts = []
        if R.random() < 0.5: opts.append(f'precision: {R.randint(0, 8)}')
        if R.random() < 0.4: opts.append(f'threshold: {R.choice([1, 5, 10, 100])}')
        if R.random() < 0.4: opts.append(f'edgeitems: {R.randint(1, 4)}')
        if R.random() < 0.3: opts.append(f'linewidth: {R.choice([10, 30, 50, 120])}')
        if R.random() < 0.3: opts.append(f'sci_mode: {bools()}')
        if R.random() < 0.2: opts = [f'profile: "{pick("default", "short", "full")}"'] + opts[:1]
        L.append(f'torch.set_printoptions({{ {", ".join(opts)} }});')
        s = shape(3, 6) or [7]
        dt = R.choice(['torch.float32', 'torch.float64', 'torch.int64'])
        def nest(sh): return (pfloat() if dt != 'torch.int64' else str(R.randint(-1000, 1000))) if not sh else '[' + ', '.join(nest(sh[1:]) for _ in range(sh[0])) + ']'
        e = f'torch.tensor({nest(s)}, {{ dtype: {dt} }})'
    return L + show(e)


# --- autograd -----------------------------------------------------------------------------------------------------

def leaf(name='x', n=None):
    n = n or R.randint(1, 4)
    vals = ', '.join(pick('0.5', '-1.5', '2.0', '1.25', '3.', '-0.75') for _ in range(n))
    return f'const {name} = torch.tensor([{vals}], {{ dtype: {R.choice(FLOAT_DT)}, requires_grad: true }});'


def a_case():
    kind = R.choice(['retain', 'hook', 'grad', 'twice', 'detach', 'rg_err', 'nograd', 'inplace', 'accum', 'unused', 'hook_chain', 'gradient'])
    L = [leaf()]
    f = pick('x.mul(x)', 'x.exp()', 'x.sin().mul(3)', 'x.pow(3)', 'x.div(2).add(1)', 'x.tanh()')
    if kind == 'retain':
        L += [f'const y = {f};', 'y.retain_grad();', 'const z = y.mul(2).sum();', 'z.backward();', 'console.log(y.grad, x.grad);', '[y.grad, x.grad]']
    elif kind in ('hook', 'hook_chain'):
        h = pick('(g) => g.mul(2)', '(g) => g.add(1)', '(g) => g.neg()', '(g) => g.clamp(0, 1)')
        tgt = 'x' if kind == 'hook' else 'y'
        L += [f'const y = {f};']
        L += [f'{tgt}.register_hook({h});', 'y.sum().backward();', 'x.grad']
    elif kind == 'grad':
        cg = bools()
        go = R.random() < 0.4
        y = f'{f}' if go else f'{f}.sum()'
        opts = f'grad_outputs: torch.ones_like(y).mul(3), create_graph: {cg}' if go else f'create_graph: {cg}'
        L += [f'const y = {y};', f'const [g] = torch.autograd.grad(y, x, {{ {opts} }});', 'console.log(g!.requires_grad, x.grad);']
        if cg == 'true': L += ['g!.sum().backward();', 'x.grad']
        else: L += ['g']
    elif kind == 'unused':
        L.append(leaf('w'))
        au = bools()
        L += [f'const y = {f}.sum();', f'const gs = torch.autograd.grad([y], [x, w], {{ allow_unused: {au} }});', 'gs']
    elif kind == 'twice':
        rg = pick('', '{ retain_graph: true }')
        L += [f'const y = {f}.sum();', f'y.backward({rg});', 'y.backward();', 'x.grad']
    elif kind == 'detach':
        how = pick('detach()', 'detach_()')
        L += [f'const y = {f};']
        if how == 'detach_()':
            L += ['y.detach_();', 'console.log(y.requires_grad, y.grad_fn, y.is_leaf);', 'y']
        else:
            L += ['const d = y.detach();', 'console.log(d.requires_grad, d.grad_fn, d.is_leaf);', 'd.add(x).sum().backward();', 'x.grad']
    elif kind == 'rg_err':
        L.append(f'const y = {f};')
        e = pick('y.requires_grad_(false)', 'y.requires_grad_()', 'torch.tensor([1, 2]).requires_grad_()', 'torch.tensor([true]).requires_grad_(true)',
                 'torch.tensor([1, 2]).requires_grad_(false)', 'torch.tensor(2, { requires_grad: true })', 'torch.arange(3, { requires_grad: true })',
                 'torch.ones(2, { dtype: torch.int64, requires_grad: true })')
        if not e.startswith('y'): L = []
        L += [f'const r = {e};', 'console.log(r.requires_grad, r.is_leaf);', 'r']
    elif kind == 'nograd':
        L += ['torch.set_grad_enabled(false);', f'const y = {f};', 'torch.set_grad_enabled(true);', f'const z = {f};',
              'console.log(y.requires_grad, y.grad_fn, z.requires_grad, torch.is_grad_enabled());', 'y']
    elif kind == 'inplace':
        op = pick('add_(1)', 'mul_(2)', 'zero_()', 'fill_(3)', 'exp_()', 'clamp_(0, 1)')
        wrap = R.random() < 0.4
        if wrap:
            L += ['torch.set_grad_enabled(false);', f'x.{op};', 'torch.set_grad_enabled(true);', 'console.log(x, x.is_leaf);', 'x']
        else:
            L += [f'x.{op}', 'x']
            L[-2] += ';'
    else:
        L += [f'{f}.sum().backward();', f'{f}.sum().backward();', 'console.log(x.grad);', 'x.grad']
    return L


def build():
    out = ['// Seeded random cases over creation, casts and promotion, random streams, printing and the autograd API,\n'
           '// written by test/golden/fuzz_core.py (do not edit by hand).\n']
    sections = [('create', CREATION, 140), ('random', [r_case], 90), ('print', [p_case], 100), ('autograd', [a_case], 70)]
    for name, makers, n in sections:
        for i in range(n):
            body = R.choice(makers)()
            out.append(f'## core {name} {i}\n' + '\n'.join(body) + '\n')
    return out


# --- second round: edges of each area -----------------------------------------------------------------------------

def c_edges():
    e = pick(f'torch.arange({pick("0", "1", "-1", "0.5")}, {pick("0.3", "2.2", "1.0", "-0.7", "0.9")}, {pick("0.1", "0.4", "0.3", "-0.1", "0.7")})',
             f'torch.arange({R.randint(-4, 4)}, {R.randint(-4, 9)}, {pick("1.5", "0.5", "2", "-1.5")}, {{ dtype: {R.choice(DT[:4])} }})',
             f'torch.arange({pick("10", "-3", "0", "2.5")}, {{ dtype: {R.choice(DT[:4])} }})',
             f'torch.linspace({R.randint(-9, 9)}, {R.randint(-9, 9)}, {R.randint(0, 9)}, {{ dtype: {R.choice(DT[2:4])} }})',
             f'torch.linspace({pick("-1.5", "0.25", "3.")}, {pick("2.75", "-4.5", "10.")}, {R.choice([1, 2, 17, 33])}, {{ dtype: {R.choice(FLOAT_DT)} }})',
             f'torch.zeros({pick("-1", "2, -1", "[0, -2]")})', f'torch.eye({pick("-1", "2, -3")})', f'torch.full([{R.randint(-1, 2)}], {mixed_scalar(["bool", "int", "float"])}, {{ dtype: {R.choice(DT)} }})',
             f'torch.tensor({pick("[[], []]", "[[1, 2], [3]]", "[[1], 2]", "[1, [2]]", "[[[]]]", "[]")})',
             f'torch.tensor([torch.tensor({mixed_scalar(["int", "float", "bool"])}), torch.tensor({mixed_scalar(["int", "float", "bool"])})])',
             f'torch.tensor({mixed_scalar(["int", "float", "bool"])}, {{ dtype: {R.choice(DT)} }})',
             f'torch.arange(0, 10, 0)', f'torch.arange(5, 0, 1)', f'torch.arange(0, 5, -1)', f'torch.arange(0, NaN)', f'torch.arange(0, Infinity)',
             f'torch.linspace(0, 1, -1)', f'torch.ones(2, 3).new_ones({pick("[]", "[0]", "2, 3", "[1, 2]")}, {{ dtype: {R.choice(DT)} }})',
             f'torch.tensor([{mixed_scalar(["int", "float", "bool"])}]).to(torch.float64).to(torch.bool).to(torch.int32).float()')
    return show(e)


def r_sweep(i):
    n = i % 71
    dt = ('torch.float32', 'torch.float64')[(i // 71) % 2]
    fn = ('rand', 'randn', 'uniform', 'normal', 'exponential', 'bernoulli', 'randint', 'randperm')[i % 8]
    L = [f'torch.manual_seed({i});']
    e = {'rand': f'torch.rand({n}, {{ dtype: {dt} }})', 'randn': f'torch.randn([{n}], {{ dtype: {dt} }})',
         'uniform': f'torch.zeros({n}, {{ dtype: {dt} }}).uniform_(-2, 3)', 'normal': f'torch.normal(1.5, 0.5, [{n}], {{ dtype: {dt} }})',
         'exponential': f'torch.zeros({n}, {{ dtype: {dt} }}).exponential_()', 'bernoulli': f'torch.full([{n}], 0.4, {{ dtype: {dt} }}).bernoulli()',
         'randint': f'torch.randint(-3, 1000, [{n}])', 'randperm': f'torch.randperm({n})'}[fn]
    # Two draws in a row: the second starts wherever the first left the stream.
    L.append(f'const a = {e};')
    L.append(f'const b = {e.replace(str(n), str((n * 7 + 3) % 71), 1) if fn != "randperm" else e};')
    return L + ['[a, b]']


def r_multinomial(i):
    rows = R.choice([None, 1, 2, 3, 0])
    k = R.choice([1, 2, 3, 5, 16, 17, 40])
    shp = [k] if rows is None else [rows, k]
    dt = R.choice(FLOAT_DT)
    probs = pick(f'torch.rand({sz(shp)}, {{ dtype: {dt} }})', f'torch.ones({sz(shp)}, {{ dtype: {dt} }})',
                 f'torch.rand({sz(shp)}, {{ dtype: {dt} }}).pow(4)', f'torch.arange({k}, {{ dtype: {dt} }}).expand({sz(shp)})' if rows else f'torch.arange({k}, {{ dtype: {dt} }})',
                 f'torch.tensor([0.0, 1.0, 0.0, 2.0], {{ dtype: {dt} }})', f'torch.tensor([-1.0, 1.0])', f'torch.tensor([NaN, 1.0])',
                 f'torch.tensor([Infinity, 1.0])', f'torch.zeros({sz(shp)})', f'torch.tensor([1, 2])', 'torch.tensor(0.5)', 'torch.ones(2, 2, 2)')
    n = R.choice([1, 2, 3, k, k + 1, 0, 50])
    rep = bools()
    L = [f'torch.manual_seed({i});', f'const p = {probs};']
    e = pick(f'torch.multinomial(p, {n}, {rep})', f'p.multinomial({n}, {{ replacement: {rep} }})', f'torch.multinomial(p, {n})',
             f'torch.multinomial(p.t(), {n}, {rep})' if rows else f'torch.multinomial(p.flip(0), {n}, {rep})')
    if R.random() < 0.3:
        L += ['const g = torch.Generator();', f'g.manual_seed({i + 1});']
        e = e.replace(' })', ', generator: g })') if e.endswith(' })') else e[:-1] + ', { generator: g })'
    # A second draw shows where the sampler left the stream.
    return L + [f'const a = {e};', 'console.log(a);', '[a, torch.rand(3)]']


def p_thresholds():
    # Values around the formatter's switches: sci mode when max / min > 1000 or max > 1e8 or min < 1e-4, integer
    # mode when every finite value is whole.
    dt = R.choice(FLOAT_DT)
    k = R.randint(1, 7)
    def v():
        r = R.random()
        if r < 0.1: return pick('NaN', 'Infinity', '-Infinity', '-0.0', '0.0')
        if r < 0.4: return pick('1000.', '999.', '1001.', '99999999.', '100000000.', '100000001.', '1e8', '1e-4', '0.0001', '9.9e-5', '1.', '0.5', '-1000.', '123456789.')
        base = pick('1', '9.99', '1.0001', '5', '2.5')
        return f'{"-" if R.random() < 0.3 else ""}{base}e{R.randint(-6, 9)}'
    L = []
    if R.random() < 0.25: L.append(f'torch.set_printoptions({{ precision: {R.randint(0, 8)}{", sci_mode: " + bools() if R.random() < 0.3 else ""} }});')
    e = f'torch.tensor([{", ".join(v() for _ in range(k))}], {{ dtype: {dt} }})'
    if R.random() < 0.2: e = f'torch.tensor({v()}, {{ dtype: {dt} }})'
    return L + show(e)


def r_more(i):
    s = R.choice([[3], [17], [2, 9], [4, 5]])
    dt = R.choice(FLOAT_DT)
    L = [f'torch.manual_seed({pick("0", "1", "4294967296", "9007199254740991", "123456789", "-1", "true")});']
    e = pick(f'torch.normal(torch.zeros({sz(s)}, {{ dtype: {dt} }}), torch.ones([{s[-1]}], {{ dtype: {dt} }}))',
             f'torch.normal(torch.zeros([{s[-1]}]), torch.ones({sz(s)}))',
             f'torch.normal(0, {pick("-1.0", "0.0", "2")}, {sz(s)})', f'torch.empty({sz(s)}).normal_(0, -1)',
             f'torch.empty({sz(s)}).uniform_(3, 1)', f'torch.empty({sz(s)}).uniform_(1, 1)', f'torch.empty({sz(s)}).exponential_(-1)',
             f'torch.randint(5, 2, {sz(s)})', f'torch.randint(3, 3, {sz(s)})', 'torch.randperm(-1)', f'torch.rand(2, -1)',
             f'torch.bernoulli(torch.full({sz(s)}, {pick("1.5", "-0.5", "0.0", "1.0")}, {{ dtype: {dt} }}))', f'torch.zeros({sz(s)}).bernoulli_(torch.rand({sz(s)}, {{ dtype: torch.float64 }}))',
             f'torch.zeros({sz(s)}, {{ dtype: torch.bool }}).random_()', f'torch.zeros({sz(s)}, {{ dtype: torch.int32 }}).random_(-5, 5)',
             f'torch.randint(0, 2, {sz(s)}, {{ dtype: torch.bool }})', f'torch.randint(0, 3, {sz(s)}, {{ dtype: {dt} }})',
             f'F.dropout(torch.ones({sz(s)}, {{ dtype: {dt} }}), {pick("1.5", "-0.1", "0.5")}, {bools()})', f'F.dropout(torch.ones({sz(s)}), 0.3, {{ training: false }})',
             f'torch.initial_seed()', f'torch.rand({sz(s)}, {{ dtype: {dt}, requires_grad: true }})',
             f'torch.empty({pick("4, 20", "20, 4", "3, 7", "2, 16")}, {{ dtype: {dt} }}).t().{pick("normal_()", "uniform_()", "exponential_()", "bernoulli_(0.5)", "random_(0, 9)", "normal_(1, 2)")}',
             f'torch.empty(40, {{ dtype: {dt} }}).getitem("::2").{pick("normal_()", "uniform_(-1, 1)", "bernoulli_()", "random_(5)")}',
             f'torch.randn(4, 20, {{ dtype: {dt} }}).t().contiguous()', f'torch.normal(torch.zeros(20, 4).t(), 1.0)',
             f'torch.Generator().manual_seed({R.randint(0, 99)}).initial_seed()', f'torch.randn({sz(s)}, {{ generator: torch.Generator().manual_seed({R.randint(0, 99)}) }})')
    # Keep the stream position visible after the call (and whether a rejected call drew anything).
    return L + [f'const a = {e};', '[a, torch.rand(2)]']


def p_suffix():
    # The dtype / requires_grad / grad_fn suffixes wrap onto their own line when the last line would pass linewidth.
    L = []
    if R.random() < 0.5: L.append(f'torch.set_printoptions({{ linewidth: {R.choice([20, 40, 60, 75, 80, 100])}{", precision: " + str(R.randint(1, 6)) if R.random() < 0.3 else ""} }});')
    k = R.randint(1, 12)
    dt = R.choice(DT)
    vals = ', '.join(pfloat() if dt in FLOAT_DT else (str(R.randint(-10 ** R.randint(1, 6), 10 ** R.randint(1, 6))) if dt != 'torch.bool' else bools()) for _ in range(k))
    vals = vals.replace('NaN', '1.5').replace('-Infinity', '-2.5').replace('Infinity', '2.5') if dt not in FLOAT_DT else vals
    shape = pick(f'[{k}]', f'[1, {k}]')
    L.append(f'const x = torch.tensor([{vals}], {{ dtype: {dt} }}).reshape({shape});')
    if dt in FLOAT_DT and R.random() < 0.6:
        L.append('x.requires_grad_();')
        # amax, not sum: the engine's float32 sum rounds once from double, PyTorch's cascade can differ in the last bit.
        e = pick('x', 'x.mul(2)', 'x.amax()', 'x.t()', 'x.getitem("0")', 'x.abs()', 'x.clone()', 'x.expand(2, -1)', 'x.unsqueeze(0)', 'x.view(-1)')
    else:
        e = pick('x', 'x.t()', 'x.to(torch.float64)', 'x.to(torch.int32)', 'x.to(torch.bool)')
    return L + show(e)


SUMM_SHAPES = [[1001, 1], [1, 1001], [3, 400], [400, 3], [2, 2, 300], [1, 2000], [10, 10, 11], [7, 1, 150], [1, 1, 1, 1001], [2, 3, 4, 50]]


def p_summ(i):
    dims = SUMM_SHAPES[i % len(SUMM_SHAPES)]
    n = 1
    for d in dims: n *= d
    f = ('', '.float().div(7)', '.remainder(5).eq(0)', '.mul(1e5)', '.double().sub(500).mul(1e-6)', '.float().sub(900).mul(1000)')[i // len(SUMM_SHAPES) % 6]
    L = []
    if i % 4 == 3: L.append(f'torch.set_printoptions({{ edgeitems: {R.randint(1, 4)}{", linewidth: 50" if R.random() < 0.5 else ""} }});')
    e = f'torch.arange({n}).reshape({sz(dims)}){f}'
    return L + [f'console.log({e});', f'{e}.shape']


def p_edges():
    # Bases are exact in float32 where possible: PyTorch's vectorised float pow is not correctly rounded (13.^8
    # prints 815730688, the nearest float32 is 815730752), which would test pow rather than printing.
    L = []
    if R.random() < 0.4:
        opts = [f'{k}: {v}' for k, v in (('precision', R.randint(0, 10)), ('threshold', R.choice([0, 3, 8, 50])), ('edgeitems', R.randint(1, 3)),
                                         ('linewidth', R.choice([1, 20, 40, 200])), ('sci_mode', bools())) if R.random() < 0.5]
        L.append(f'torch.set_printoptions({{ {", ".join(opts)} }});')
    dims = [R.randint(1, 5) for _ in range(R.randint(0, 4))]
    n = 1
    for d in dims: n *= d
    base = pick(f'torch.arange({n})', f'torch.arange({n}).sub({n // 2})', f'torch.linspace(-1, 1, {n})', f'torch.arange({n}).mul(1e7)',
                f'torch.arange({n}).float().mul(1.0e-4)', f'torch.arange({n}).double().div(3)', f'torch.arange({n}).remainder(3).eq(0)',
                f'torch.arange({n}).float().sub(2).reciprocal()', f'torch.arange({n}).float().log()', f'torch.arange({n}).mul(123456789)',
                f'torch.arange({n}).float().pow(3).mul(1e3)', f'torch.arange({n}).double().mul(1e15).add(0.5)')
    e = f'{base}.reshape({sz(dims)})'
    r = R.random()
    if len(dims) >= 2 and r < 0.3: e += '.transpose(0, -1)'
    elif dims and r < 0.45: e += '.getitem("::2")'
    elif r < 0.55 and ('float()' in base or 'double()' in base or 'linspace' in base): e += '.requires_grad_()'
    return L + show(e)


def a_edges():
    L = [leaf()]
    kind = R.choice(['twice', 'version', 'viewleaf', 'noreq', 'unusederr', 'nonscalar', 'detachview', 'createhigher', 'hooks2', 'leafretain', 'nonleafgrad'])
    op = pick('x.add(1)', 'x.mul(2)', 'x.exp()', 'x.mul(x)', 'x.sigmoid()', 'x.neg()', 'x.sum()', 'x.pow(2)', 'x.div(x.detach())', 'x.sub(x.detach())', 'x.abs()', 'x.relu()', 'x.view(-1, 1)', 'x.clone()', 'x.sqrt()', 'x.tanh()', 'x.t()')
    if kind == 'twice': L += [f'const y = {op}.sum();', 'y.backward();', 'y.backward();', 'x.grad']
    elif kind == 'version': L += [f'const y = {op};', f'y.{pick("add_(1)", "mul_(2)", "zero_()")};', 'y.sum().backward();', 'x.grad']
    elif kind == 'viewleaf': L += [f'x.getitem("0").{pick("add_(1)", "fill_(2)", "mul_(2)")};', 'x']
    elif kind == 'noreq': L += ['const w = torch.ones(2);', 'torch.autograd.grad(w.sum(), x)']
    elif kind == 'unusederr': L += ['const w = torch.ones(2, { requires_grad: true });', f'torch.autograd.grad({op}.sum(), [x, w])']
    elif kind == 'nonscalar': L += [f'const y = {op}.unsqueeze(0).expand(2, -1);', 'y.backward();', 'x.grad']
    elif kind == 'detachview':
        v = pick('view(-1)', 'getitem("0:1")', 't()', 'unsqueeze(0)')
        L += [f'const y = x.mul(2).{v};', 'y.detach_();', 'y']
    elif kind == 'createhigher':
        L += [f'const y = {op}.sum();', 'y.backward({ create_graph: true });', 'console.log(x.grad!.requires_grad, x.grad!.is_leaf);', 'x.grad']
    elif kind == 'hooks2':
        L += [f'const y = {op};', 'y.register_hook((g) => g.mul(2));', 'y.register_hook((g) => g.add(1));', 'y.sum().backward();', 'x.grad']
    elif kind == 'leafretain': L += ['x.retain_grad();', f'{op}.sum().backward();', 'console.log(x.grad, x.is_leaf, x.retains_grad);', 'x.grad']
    else: L += [f'const y = {op};', 'y.sum().backward();', 'console.log(y.grad, y.is_leaf, y.retains_grad);', 'y.grad']
    return L


# Double backward: whether a create_graph gradient requires grad (and its grad_fn) depends on how each backward is
# written, not only on its values. Left out: sgn (PyTorch's gradient is an unallocated "efficient zero" tensor whose
# values cannot even be read) and logit (not in the engine).
DOUBLE = ['exp()', 'log()', 'sqrt()', 'rsqrt()', 'sin()', 'cos()', 'tan()', 'tanh()', 'sigmoid()', 'relu()', 'abs()', 'neg()',
          'reciprocal()', 'square()', 'pow(3)', 'pow(0.5)', 'log1p()', 'expm1()', 'erf()', 'atan()', 'asin()', 'sinh()', 'cosh()',
          'exp2()', 'log2()', 'log10()', 'floor()', 'ceil()', 'round()', 'trunc()', 'sign()', 'frac()', 'clamp(0.2, 0.6)', 'clamp_min(0.3)',
          'mul(x)', 'div(x.add(1))', 'maximum(x.flip(0))', 'minimum(x.flip(0))', 'atan2(x.flip(0))', 'add(x.flip(0))',
          'sum()', 'mean()', 'prod()', 'amax()', 'amin()', 'max()', 'min()', 'norm()', 'std()', 'var()', 'logsumexp(0)', 'cumsum(0)', 'cumprod(0)',
          'softmax(0)', 'log_softmax(0)', 'flip(0)', 'remainder(0.3)', 'fmod(0.3)', 'lerp(x.flip(0), 0.3)',
          'where(x.gt(0.4), x.mul(2))', 'masked_fill(x.gt(0.4), 1)', 'nan_to_num()', 'mul(2)', 'square().sqrt()']


def a_double(i):
    op = DOUBLE[i % len(DOUBLE)]
    vals = ', '.join(pick('0.25', '0.5', '0.75', '0.3', '0.9') for _ in range(3))
    # softmax's gradient of a plain sum (or of any weights at equal inputs) is 0 up to rounding noise: weight the
    # outputs of distinct inputs.
    weight = '.mul(torch.tensor([1.0, 2.0, 3.0], { dtype: torch.float64 }))' if 'softmax' in op else ''
    if weight: vals = '0.3, 0.55, 0.9'
    L = [f'const x = torch.tensor([{vals}], {{ dtype: torch.float64, requires_grad: true }});',
         f'const [g] = torch.autograd.grad(x.{op}{weight}.sum(), x, {{ create_graph: true }});',
         'console.log(g!.requires_grad, g!.is_leaf);']
    # abs's second derivative is PyTorch's unreadable "efficient zero" tensor; g * x keeps the others away from
    # sums that cancel to rounding noise (log_softmax's gradient sums to 0).
    if op == 'abs()': return L + ['g']
    return L + ['[g, torch.autograd.grad(g!.mul(x).sum(), x, { allow_unused: true })[0]]']


def a_more():
    L = [leaf()]
    op = pick('x.mul(2)', 'x.exp()', 'x.pow(2)', 'x.add(1)', 'x.sin()')
    kind = R.choice(['hooknone', 'hooknoreq', 'remove', 'retainnoreq', 'backnoreq', 'inputs', 'multi', 'gradset', 'viewinplace',
                     'expandinplace', 'noretain_grad', 'hookleafacc', 'intgrad', 'gradmode', 'multiback', 'gradshape', 'implicit',
                     'zerograd', 'nullgrad', 'offleaf', 'retainfalse'])
    if kind == 'hooknone': L += [f'const y = {op};', 'y.register_hook((g) => console.log(g));', 'y.sum().backward();', 'x.grad']
    elif kind == 'hooknoreq': L = ['const w = torch.ones(2);', 'w.register_hook((g) => g.mul(2));', 'w']
    elif kind == 'remove': L += [f'const y = {op};', 'const h = y.register_hook((g) => g.mul(10));', 'h.remove();', 'y.sum().backward();', 'x.grad']
    elif kind == 'retainnoreq': L = ['const w = torch.ones(2);', 'w.retain_grad();', 'w']
    elif kind == 'backnoreq': L = ['const w = torch.ones(2);', 'w.sum().backward();', 'w']
    elif kind == 'inputs': L += [leaf('w', 1), f'const y = {op}.sum().mul(w.sum());', 'y.backward({ inputs: [w] });', 'console.log(x.grad);', 'w.grad']
    elif kind == 'multi':
        L += [f'const y = {op};', 'const z = x.mul(3);', f'const gs = torch.autograd.grad([y.sum(), z.sum()], [x], {{ grad_outputs: [torch.tensor({pick("2.0", "1.0", "-1.0")}, {{ dtype: x.dtype }}), null] }});', 'gs']
    elif kind == 'gradset': L += ['x.grad = torch.ones_like(x).mul(5);', f'{op}.sum().backward();', 'x.grad']
    elif kind == 'viewinplace': L += [f'const y = {op};', 'const v = y.getitem(":1");', 'v.mul_(3);', 'console.log(y.grad_fn!.name(), v.grad_fn!.name());', 'y.sum().backward();', 'x.grad']
    elif kind == 'expandinplace': L += ['const y = x.mul(1).getitem("0").expand(3);', 'y.add_(1);', 'y']
    elif kind == 'noretain_grad': L += [f'const y = {op}.sum();', 'torch.autograd.grad(y, x);', 'torch.autograd.grad(y, x)']
    elif kind == 'hookleafacc': L += ['x.register_hook((g) => g.mul(2));', f'{op}.sum().backward();', f'{op}.sum().backward();', 'x.grad']
    elif kind == 'intgrad': L = ['const w = torch.tensor([1, 2]);', 'w.requires_grad = true;', 'w']
    elif kind == 'multiback': L += [f'const y = {op};', 'const z = x.mul(3).sum();', 'torch.autograd.backward([y.sum(), z], [torch.tensor(2.0, { dtype: x.dtype }), null]);', 'x.grad']
    elif kind == 'gradshape': L += [f'const y = {op};', 'y.backward(torch.ones(5, { dtype: x.dtype }));', 'x.grad']
    elif kind == 'implicit': L += [f'const y = {op}.unsqueeze(0).expand(2, -1);', 'torch.autograd.grad(y, x)']
    elif kind == 'zerograd': L += [f'{op}.sum().backward();', 'const g = x.grad!;', 'g.zero_();', f'{op}.sum().backward();', 'console.log(g);', 'x.grad']
    elif kind == 'nullgrad': L += [f'{op}.sum().backward();', 'x.grad = null;', f'{op}.sum().backward();', 'x.grad']
    elif kind == 'offleaf': L += ['x.requires_grad_(false);', f'{op}.sum().backward();', 'x.grad']
    elif kind == 'retainfalse': L += [f'const y = {op}.sum();', 'y.backward({ retain_graph: false });', 'console.log(y.requires_grad, y.is_leaf);', 'x.grad']
    else: L += ['torch.set_grad_enabled(false);', f'const y = {op};', 'torch.set_grad_enabled(true);', 'y.sum().backward();', 'x.grad']
    return L


# autograd.grad hands back the gradient as the backward formulas lay it out (no layout contract), so its strides
# show how each backward is written. (softmax is left out: its gradient for all-ones grad_outputs is 0 up to
# float32 rounding noise.)
LAYOUT_OPS = ['sum()', 'sum(0)', 'sum(-1, true)', 'mean()', 'mean(0)', 't()', 'transpose(0, -1)', 'expand(2, -1, -1)', 'getitem("0")',
              'getitem("::2")', 'getitem(":, 1:")', 'reshape(-1)', 'flatten()', 'unsqueeze(1)', 'squeeze()', 'permute(1, 0)', 'flip(0)',
              'amax(0)', 'max()', 'prod(0)', 'cumsum(0)', 'narrow(1, 0, 1)', 'select(1, 0)', 'diagonal()', 'repeat(2, 1)', 'mul(2)', 'exp()',
              'contiguous()', 'clone()', 'unbind(0)[0]', 'split(1, 1)[1]', 'chunk(2, 0)[0]', 'movedim(0, 1)', 'view(-1)', 'norm()', 'var(0)',
              'log_softmax(1)', 'expand_as(torch.ones(3, 2, 3))', 'abs()', 'relu()', 'where(torch.tensor(true), torch.zeros(1))', 'logsumexp(1)']


def a_layout(i):
    op = LAYOUT_OPS[i % len(LAYOUT_OPS)]
    base = pick('x', 'x.t().contiguous().t()')
    L = ['const x = torch.tensor([[0.5, -1.5, 2.0], [1.25, 3., -0.75]], { requires_grad: true });',
         f'const y = {base}.{op};',
         f'const [g] = torch.autograd.grad(y, x, {{ grad_outputs: torch.ones_like(y) }});',
         'console.log(g!.stride(), g!.is_contiguous());', 'g']
    return L


def a_layout_random(i):
    shp = [R.randint(1, 3) for _ in range(3)]
    perm = R.choice([[0, 1, 2], [2, 1, 0], [1, 0, 2], [0, 2, 1]])
    n = shp[0] * shp[1] * shp[2]
    # No zero inputs: cumprod's backward at a zero gives -0 or 0 by the branch of PyTorch's formula it takes.
    L = [f'const x = torch.arange({n}, {{ dtype: torch.float64 }}).sub({n // 2 + 0.5}).reshape({sz(shp)}).permute({", ".join(map(str, perm))}).requires_grad_();']
    ops = ['sum(1)', 'sum([0, 2], true)', 'mean(-1)', 'amax(1)', 'amin([0, 1])', 'max(0)[0]', 'min(2, true)[0]', 'prod(1)', 'cumsum(2)', 'cumprod(0)',
           'transpose(0, 2)', 'permute(2, 0, 1)', 'getitem("..., ::2")', 'getitem("1:")', 'unsqueeze(0).expand(2, -1, -1, -1)', 'flatten(1)', 'reshape(-1)',
           'mul(x)', 'div(2)', 'exp()', 'tanh()', 'sigmoid()', 'pow(2)', 'abs()', 'neg()', 'clamp(-1, 1)', 'std(1)', 'var([0, 2])', 'norm(2, 1)',
           'logsumexp(0)', 'log_softmax(2)', 'sort(1)[0]', 'topk(1, 0)[0]', 'flip(1)', 'roll(1, 2)', 'repeat(1, 2, 1)', 'tril()', 'triu(1)',
           'clone()', 'contiguous()', 'squeeze()', 'narrow(0, 0, 1)', 'select(2, -1)', 'index_select(1, torch.tensor([0]))', 'masked_fill(x.gt(0), 0)',
           'where(x.gt(0), x.mul(2))', 'maximum(x.flip(0))', 'add(x.transpose(0, 1).transpose(0, 1))', 'expand_as(x)', 'view_as(x)']
    e = 'x'
    for _ in range(R.randint(1, 2)):
        e += '.' + R.choice(ops)
    L.append(f'const y = {e};')
    go = pick('torch.ones_like(y)', 'torch.ones_like(y).mul(2)')
    L += [f'const [g] = torch.autograd.grad(y, x, {{ grad_outputs: {go}, allow_unused: true }});', 'console.log(g!.stride(), g!.is_contiguous());', 'g']
    return L


def build2():
    out = []
    for i in range(60):
        out.append(f'## core cast layout {i}\n' + '\n'.join(c_to()) + '\n')
    for i in range(80):
        out.append(f'## core sequence {i}\n' + '\n'.join(c_seq()) + '\n')
    for i in range(40):
        out.append(f'## core default dtype {i}\n' + '\n'.join(c_default_dtype()) + '\n')
    for i in range(60):
        out.append(f'## core create edge {i}\n' + '\n'.join(c_edges()) + '\n')
    for i in range(0, 142 * 2, 4):
        out.append(f'## core random sweep {i}\n' + '\n'.join(r_sweep(i)) + '\n')
    for i, a in enumerate(DT):
        out.append(f'## core promote_types {a}\n' + f'console.log({", ".join(f"torch.promote_types({a}, {b})" for b in DT)});\n' +
                   f'[{", ".join(f"torch.can_cast({a}, {b})" for b in DT)}]\n')
    for i in range(40):
        a = R.choice(PROMO_VALS + PY_SCALARS); b = R.choice(PROMO_VALS + PY_SCALARS)
        out.append(f'## core result_type {i}\nconst r = torch.result_type({a}, {b});\nconsole.log(r);\nr\n')
    for i in range(60):
        out.append(f'## core random more {i}\n' + '\n'.join(r_more(i)) + '\n')
    for i in range(60):
        out.append(f'## core multinomial {i}\n' + '\n'.join(r_multinomial(i)) + '\n')
    for i in range(100):
        out.append(f'## core print threshold {i}\n' + '\n'.join(p_thresholds()) + '\n')
    for i in range(80):
        out.append(f'## core print suffix {i}\n' + '\n'.join(p_suffix()) + '\n')
    for i in range(60):
        out.append(f'## core print summarized {i}\n' + '\n'.join(p_summ(i)) + '\n')
    for i in range(60):
        out.append(f'## core print edge {i}\n' + '\n'.join(p_edges()) + '\n')
    for i in range(60):
        out.append(f'## core autograd edge {i}\n' + '\n'.join(a_edges()) + '\n')
    for i in range(90):
        out.append(f'## core autograd more {i}\n' + '\n'.join(a_more()) + '\n')
    for i in range(len(LAYOUT_OPS)):
        out.append(f'## core grad layout {i}\n' + '\n'.join(a_layout(i)) + '\n')
    for i in range(100):
        out.append(f'## core grad layout random {i}\n' + '\n'.join(a_layout_random(i)) + '\n')
    for i in range(len(DOUBLE)):
        out.append(f'## core double backward {DOUBLE[i]}\n' + '\n'.join(a_double(i)) + '\n')
    return out


print('\n'.join(build() + build2()))
