// The `torch` namespace, assembled from the op families. Each family exports `functions`; this file adds nothing
// of its own beyond constants and sub-namespaces.
import './autograd/install.ts';
import './printing/repr.ts';
import * as autogradApi from './autograd/api.ts';
import { bool, DType, dtypeAliases, float32, float64, get_default_dtype, int32, int64, set_default_dtype } from './core/dtype.ts';
import { Device, toDevice } from './core/device.ts';
import { pyfloat } from './core/scalar.ts';
import { Size } from './core/size.ts';
import { Tensor } from './core/tensor.ts';
import * as fill from './ops/creation/fill.ts';
import * as creationTensor from './ops/creation/tensor.ts';
import * as arithmetic from './ops/pointwise/arithmetic.ts';
import './ops/pointwise/to.ts';
import * as sum from './ops/reduction/sum.ts';
import * as contiguous from './ops/views/contiguous.ts';
import './ops/views/expand.ts';
import * as permute from './ops/views/permute.ts';
import * as squeeze from './ops/views/squeeze.ts';
import * as view from './ops/views/view.ts';
import { F } from './functional.ts';

export const torch = {
  ...creationTensor.functions,
  ...fill.functions,
  ...arithmetic.functions,
  ...sum.functions,
  ...contiguous.functions,
  ...permute.functions,
  ...squeeze.functions,
  ...view.functions,
  ...autogradApi.functions,
  ...dtypeAliases,
  float32, float64, int32, int64, bool,
  get_default_dtype, set_default_dtype,
  dtype: DType,
  device: (type: string) => toDevice(type),
  Device,
  Size: (dims: readonly number[] = []) => Size.of_(dims),
  Tensor,
  is_tensor: (obj: unknown): obj is Tensor => obj instanceof Tensor,
  numel: (input: Tensor) => input.numel(),
  autograd: autogradApi.autograd,
  nn: { functional: F },
  pyfloat,
};

export type Torch = typeof torch;
