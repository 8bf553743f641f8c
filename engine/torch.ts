// The `torch` namespace, assembled from the op families. Each family's index exports `functions`; this file adds
// only constants and sub-namespaces.
import './autograd/install.ts';
import './autograd/views.ts';
import * as autogradApi from './autograd/api.ts';
import * as webgpu from './backend/webgpu/cuda.ts';
import { bool, DType, dtypeAliases, float32, float64, get_default_dtype, int32, int64, set_default_dtype } from './core/dtype.ts';
import { Device, toDevice } from './core/device.ts';
import { pyfloat } from './core/scalar.ts';
import { Size } from './core/size.ts';
import { Tensor } from './core/tensor.ts';
import * as creation from './ops/creation/index.ts';
import * as indexing from './ops/indexing/index.ts';
import * as joins from './ops/joins/index.ts';
import * as linalg from './ops/linalg/index.ts';
import * as nn from './ops/nn/index.ts';
import * as pointwise from './ops/pointwise/index.ts';
import * as printing from './printing/index.ts';
import * as reduction from './ops/reduction/index.ts';
import * as sorting from './ops/sorting/index.ts';
import * as views from './ops/views/index.ts';
import * as random from './random/index.ts';

export const torch = {
  ...creation.functions,
  ...pointwise.functions,
  ...reduction.functions,
  ...sorting.functions,
  ...views.functions,
  ...indexing.functions,
  ...linalg.functions,
  ...joins.functions,
  ...random.functions,
  ...nn.functions,
  ...autogradApi.functions,
  ...printing.functions,
  ...dtypeAliases,
  float32, float64, int32, int64, bool,
  get_default_dtype, set_default_dtype,
  dtype: DType,
  /** `torch.cuda.is_available()`: whether a WebGPU adapter was found (the webgpu device stands in for CUDA). */
  cuda: webgpu.cuda,
  /** `torch.device('cuda')`. */
  device: (type: string) => toDevice(type),
  Device,
  /** `torch.Size([2, 3])`. */
  Size: (dims: readonly number[] = []) => Size.of_(dims),
  Tensor,
  is_tensor: (obj: unknown): obj is Tensor => obj instanceof Tensor,
  numel: (input: Tensor) => input.numel(),
  autograd: autogradApi.autograd,
  nn: { functional: nn.F },
  /** Marks a whole number as a Python float (Note [Float literals]). */
  pyfloat,
};

export type Torch = typeof torch;
