// dtype and device conversion: `x.to(torch.float64)`, `x.to('cuda')`, `x.float()`, `x.long()`, ...
import { record } from '../../autograd/record.ts';
import { moveStorage } from '../../backend/webgpu/index.ts';
import { bool, DType, float32, float64, int32, int64, toDType } from '../../core/dtype.ts';
import { Device, toDevice } from '../../core/device.ts';
import { Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { castTensor } from '../dispatch.ts';
import { addMethods } from '../methods.ts';

export interface ToOptions { dtype?: DType | string; device?: Device | string; copy?: boolean }

/** Converts to `dtype` on `device`; returns `self` when nothing changes (unless `copy`). Differentiable between float dtypes. */
export function to(self: Tensor, dtype: DType, device: Device, copy = false): Tensor {
  if (dtype === self.dtype && device.type === self.device.type && !copy) return self;
  const out = castTensor(self, dtype);
  if (device.type !== self.device.type) deviceTransfer.move(out, device);
  // The gradient goes back to the input's dtype and device (a CPU leaf moved to the GPU gets a CPU grad).
  const [selfDType, selfDevice] = [self.dtype, self.device];
  if (dtype.is_floating_point) record('ToCopyBackward0', [self], out, {}, ([grad]) => [to(grad!, selfDType, selfDevice)]);
  return out;
}

/** Moving storage between devices is the WebGPU backend's business (it refuses clearly when there is no adapter). */
export const deviceTransfer: { move: (t: Tensor, device: Device) => void } = { move: moveStorage };

const methods = {
  /** `x.to(torch.float64)`, `x.to('cpu')`, `x.to(other)`, `x.to({ dtype, device })`. */
  to(this: Tensor, target?: DType | Device | string | Tensor | ToOptions, dtypeOrOptions?: DType | string | ToOptions): Tensor {
    let dtype = this.dtype;
    let device = this.device;
    let copy = false;
    const apply = (value: unknown): void => {
      if (value instanceof Tensor) { dtype = value.dtype; device = value.device; }
      else if (value instanceof DType) dtype = value;
      else if (value instanceof Device) device = value;
      else if (typeof value === 'string') {
        if (value.startsWith('torch.') || ['float32', 'float64', 'float', 'double', 'int32', 'int64', 'int', 'long', 'bool'].includes(value)) dtype = toDType(value);
        else device = toDevice(value);
      } else if (isOptions(value)) {
        const o = value as ToOptions;
        if (o.dtype) dtype = toDType(o.dtype);
        if (o.device) device = toDevice(o.device);
        if (o.copy) copy = true;
      }
    };
    apply(target);
    apply(dtypeOrOptions);
    return to(this, dtype, device, copy);
  },
  /** `x.type(torch.float64)` converts; `x.type()` names the legacy type, e.g. `torch.FloatTensor`. */
  type(this: Tensor, dtype?: DType | string): Tensor | string {
    return dtype === undefined ? this.dtype.legacyName : to(this, toDType(dtype), this.device);
  },
  float(this: Tensor): Tensor { return to(this, float32, this.device); },
  double(this: Tensor): Tensor { return to(this, float64, this.device); },
  long(this: Tensor): Tensor { return to(this, int64, this.device); },
  int(this: Tensor): Tensor { return to(this, int32, this.device); },
  bool(this: Tensor): Tensor { return to(this, bool, this.device); },
  cpu(this: Tensor): Tensor { return to(this, this.dtype, toDevice('cpu')); },
  cuda(this: Tensor): Tensor { return to(this, this.dtype, toDevice('cuda')); },
};
type ToMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ToMethods {} }
addMethods(methods);
