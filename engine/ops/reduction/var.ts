// var and std (with PyTorch 1.13's `unbiased` and `correction` signatures), and var_mean / std_mean.
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { PyTuple } from '../../core/tuple.ts';
import { isOptions } from '../args.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
import { reducedOnDevice } from './device.ts';
import { checkDimType, type Dim, pyArgs, type PyArgs, reduce, reductionShape, restoreDims } from './reduce.ts';

export interface VarOptions { dim?: Dim | null; unbiased?: boolean; correction?: number; keepdim?: boolean }
/** `(unbiased)`, `(dim, unbiased, keepdim)` or `(dim, { correction, keepdim })`. */
export type VarArgs = [unbiased: boolean] | PyArgs<[dim: Dim | null, unbiased: boolean, keepdim: boolean], VarOptions>;

const overloads = [
  ['tuple of ints dim, *, int correction, bool keepdim', ', Tensor out'],
  ['tuple of ints dim, bool unbiased, bool keepdim', ', *, Tensor out'],
  ['bool unbiased', ''],
  ['tuple of names dim, *, int correction, bool keepdim', ', Tensor out'],
  ['tuple of names dim, bool unbiased, bool keepdim', ', *, Tensor out'],
] as const;

function typeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int' : 'float';
}

/**
 * PyTorch 1.13's parser message when no std/var overload accepts the arguments, with its note under each overload
 * (by index) that was rejected for a keyword. The parser lists keywords in the reverse of the order given.
 */
function signatureError(op: string, isFunction: boolean, positional: readonly unknown[], keywords: Record<string, unknown>, notes: Record<number, string>): TypeError {
  const kw = Object.entries(keywords).reverse().map(([k, v]) => `${k}=${typeName(v)}`);
  const args = [...(isFunction ? ['Tensor'] : []), ...positional.map(typeName)];
  const got = args.length > 0 ? [...args, ...kw].join(', ') : kw.map((k) => `${k}, `).join('');
  const withOut = isFunction && !op.endsWith('_mean');
  const lines = overloads.map(([params, out], i) => {
    const line = ` * (${isFunction ? 'Tensor input, ' : ''}${params}${withOut ? out : ''})\n`;
    return notes[i] ? `${line}      didn't match because some of the keywords were incorrect: ${notes[i]}\n` : line;
  });
  return new TypeError(`${op}() received an invalid combination of arguments - got (${got}), but expected one of:\n${lines.join('')}`);
}

function parseVarArgs(op: string, args: readonly unknown[], isFunction: boolean): VarOptions {
  if (typeof args[0] === 'boolean') {
    if (args.length > 1) throw new TypeError(`${op}() received an invalid combination of arguments`);
    return { unbiased: args[0] };
  }
  const options = pyArgs<VarOptions>(op, args, ['dim', 'unbiased', 'keepdim']);
  const positional = isOptions(args[args.length - 1]) ? args.slice(0, -1) : args;
  const keywords = isOptions(args[args.length - 1]) ? args[args.length - 1] as Record<string, unknown> : {};
  if (options.unbiased !== undefined && options.correction !== undefined) {
    throw signatureError(op, isFunction, positional, keywords, { 1: 'correction', 4: 'correction' });
  }
  // In 1.13 only `unbiased` may be given without a dim; `correction` and `keepdim` need one (None is fine).
  if (options.dim === undefined && (options.correction !== undefined || options.keepdim !== undefined)) {
    const names = Object.keys(keywords);
    throw signatureError(op, isFunction, positional, keywords, names.length === 1 ? { 2: names[0]! } : {});
  }
  checkDimType(op, options.dim);
  return options;
}

interface Plan { dims: number[]; shape: number[]; keepdim: boolean; correction: number; hasDim: boolean; dof: number }

function plan(self: Tensor, options: VarOptions, op = 'std and var'): Plan {
  if (!self.dtype.is_floating_point) throw new RuntimeError(`${op} only support floating point and complex dtypes`);
  const keepdim = options.keepdim ?? false;
  const { dims, shape } = reductionShape(self, options.dim, keepdim);
  const correction = options.correction ?? (options.unbiased === false ? 0 : 1);
  const hasDim = options.dim !== undefined && options.dim !== null && self.ndim > 0;
  // The gradient's degrees of freedom use the dims as given: an explicit empty list counts one element.
  const given = hasDim ? (typeof options.dim === 'number' ? [options.dim] : options.dim!) : null;
  const counted = given === null ? self.numel() : given.length === 0 ? 1 : dims.reduce((n, d) => n * self._shape[d]!, 1);
  return { dims, shape, keepdim, correction, hasDim, dof: counted - correction };
}

/** Welford's running mean and squared deviations in double, divided once by max(0, N - correction); `root` for std. */
function welford(self: Tensor, p: Plan, root: boolean): Tensor {
  const onDevice = reducedOnDevice(root ? 'std' : 'var', self, p.dims, p.shape, self.dtype, { correction: p.correction });
  return onDevice ?? reduce(self, p.dims, p.shape, self.dtype, () => ({ n: 0, mean: 0, m2: 0 }), (acc, x) => {
    acc.n++;
    const delta = x - acc.mean;
    acc.mean += delta / acc.n;
    acc.m2 += delta * (x - acc.mean);
    return acc;
  }, (acc) => {
    const v = acc.m2 / Math.max(0, acc.n - p.correction);
    return root ? Math.sqrt(v) : v;
  });
}

/** var's gradient: 2 / dof * grad * (x - mean). */
function varBackward(grad: Tensor, self: Tensor, p: Plan, node: string): Tensor {
  if (!p.hasDim) {
    if (p.dof === 0) {
      // PyTorch 1.13 returns a 0-dim infinity here, which its engine rejects for inputs with dims.
      const g = grad.mul(Infinity);
      if (self.ndim > 0 && g.ndim !== self.ndim) {
        throw new RuntimeError(`Function ${node} returned an invalid gradient at index 0 - got [${g._shape.join(', ')}] but expected shape compatible with [${self._shape.join(', ')}]`);
      }
      return g;
    }
    return grad.mul(2 / p.dof).mul(self.sub(self.mean()));
  }
  const g = restoreDims(grad, p.dims, p.keepdim, self.ndim);
  return g.mul(2 / p.dof).mul(self.sub(self.mean({ dim: p.dims, keepdim: true })));
}

/** std's gradient: var's, fed grad / (2 std), with 0 where std is 0. */
function stdBackward(grad: Tensor, self: Tensor, result: Tensor, p: Plan, node: string): Tensor {
  return varBackward(where(result.eq(0), 0, grad.div(result.mul(2))), self, p, node);
}

/** `x.var()`, `x.var(0)`, `x.var(0, false, true)`, `x.var({ dim: 1, correction: 0 })`. */
export function variance(self: Tensor, options: VarOptions): Tensor {
  const p = plan(self, options);
  const out = welford(self, p, false);
  record('VarBackward0', [self], out, { self }, ([grad], s) => [varBackward(grad!, s.self, p, 'VarBackward0')]);
  return out;
}

/** `x.std()`, `x.std(0)`, `x.std(false)`, `x.std({ dim: [0, 1], correction: 0, keepdim: true })`. */
export function std(self: Tensor, options: VarOptions): Tensor {
  const p = plan(self, options);
  const out = welford(self, p, true);
  record('StdBackward0', [self], out, { self, result: out }, ([grad], s) => [stdBackward(grad!, s.self, s.result, p, 'StdBackward0')]);
  return out;
}

function withMean(op: 'var_mean' | 'std_mean', self: Tensor, options: VarOptions): PyTuple<Tensor> {
  const p = plan(self, options, op);
  const spread = welford(self, p, op === 'std_mean');
  const mean = self.detach().mean({ dim: p.dims, keepdim: p.keepdim });
  const node = op === 'var_mean' ? 'VarMeanBackward0' : 'StdMeanBackward0';
  record(node, [self], [spread, mean], { self, result: spread }, ([gSpread, gMean], s) => {
    const fromSpread = op === 'var_mean' ? varBackward(gSpread!, s.self, p, node) : stdBackward(gSpread!, s.self, s.result, p, node);
    const count = p.dims.reduce((n, d) => n * s.self._shape[d]!, 1);
    const fromMean = restoreDims(gMean!, p.dims, p.keepdim, s.self.ndim).expand(s.self._shape).div(count);
    return [fromSpread.add(fromMean)];
  });
  return PyTuple.from_([spread, mean]);
}

const methods = {
  /** `x.var(dim?, unbiased?, keepdim?)` or `x.var({ dim, correction, keepdim })`. */
  var(this: Tensor, ...args: VarArgs): Tensor { return variance(this, parseVarArgs('var', args, false)); },
  /** `x.std(dim?, unbiased?, keepdim?)` or `x.std({ dim, correction, keepdim })`. */
  std(this: Tensor, ...args: VarArgs): Tensor { return std(this, parseVarArgs('std', args, false)); },
};
type VarMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends VarMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.var(x, 0)`. */
  var: (input: Tensor, ...args: VarArgs) => variance(input, parseVarArgs('var', args, true)),
  /** `torch.std(x, { dim: 1, correction: 0 })`. */
  std: (input: Tensor, ...args: VarArgs) => std(input, parseVarArgs('std', args, true)),
  /** `const [v, m] = torch.var_mean(x, 1)`. */
  var_mean: (input: Tensor, ...args: VarArgs) => withMean('var_mean', input, parseVarArgs('var_mean', args, true)),
  /** `const [s, m] = torch.std_mean(x, 1)`. */
  std_mean: (input: Tensor, ...args: VarArgs) => withMean('std_mean', input, parseVarArgs('std_mean', args, true)),
};
