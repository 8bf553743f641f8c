// In-place writes through views (PyTorch's CopySlices and view regeneration). When `v = b.getitem("0")` is written
// in place, the base `b` gets a CopySlices node: its gradient is the incoming one with the view's region replaced by
// the gradient the in-place op sends to its input. The view itself becomes AsStridedBackward0 over the base.
import { is_grad_enabled, withGradMode } from '../core/grad-mode.ts';
import { emptyTensor, type Tensor, viewHistory } from '../core/tensor.ts';
import { inPlaceHooks } from '../ops/dispatch.ts';
import { maybeOverlapping } from '../ops/views/as_strided.ts';
import { Node } from './node.ts';
import { adoptRetainGradHook, gradientEdge, record } from './record.ts';

interface Geometry { shape: number[]; strides: number[]; offset: number }

function geometryOf(t: Tensor): Geometry {
  return { shape: [...t._shape], strides: [...t._stride], offset: t._offset };
}

/** A zero-filled tensor over a fresh storage as large as `base`'s, seen with `geometry`. */
function zerosOver(storageSize: number, like: Tensor, geometry: Geometry): Tensor {
  return emptyTensor([storageSize], like.dtype, like.device).as_strided(geometry.shape, geometry.strides, geometry.offset);
}

/** Makes `view.grad_fn` an AsStridedBackward0 reading the view's region out of its base's gradient. */
function regenerate(view: Tensor): void {
  const base = view._base!;
  const baseGeometry = geometryOf(base);
  const viewGeometry = geometryOf(view);
  const storageSize = base.storage.size;
  view._gradFn = null;
  withGradMode(true, () => record('AsStridedBackward0', [base], view, {}, ([grad]) => {
    const full = zerosOver(storageSize, grad!, baseGeometry);
    const region = full.as_strided(viewGeometry.shape, viewGeometry.strides, viewGeometry.offset);
    // A view that may overlap itself sums its gradient; any other copies it (a -0 gradient stays -0, as in PyTorch).
    region.copy_(maybeOverlapping(viewGeometry.shape, viewGeometry.strides) ? region.add(grad!) : grad!);
    return [full.clone()];
  }));
  view._viewVersion = view.storage.version;
}

/** After an in-place op on `view`, moves the history onto its base through a CopySlices node. */
function onViewModified(view: Tensor): void {
  const base = view._base;
  if (base === null || !is_grad_enabled()) return;
  const fn = view._gradFn!;
  const baseGeometry = geometryOf(base);
  const viewGeometry = geometryOf(view);
  const storageSize = base.storage.size;
  const [baseNode, baseNr] = gradientEdge(base);
  const copySlices: Node = new Node('CopySlices', [[baseNode, baseNr], ...fn.next_functions.slice(1)],
    [{ shape: baseGeometry.shape, dtype: base.dtype }, ...fn.inputMeta.slice(1)], {}, ([grad]) => {
      const result = zerosOver(storageSize, grad!, baseGeometry);
      result.copy_(grad!);
      const slice = result.as_strided(viewGeometry.shape, viewGeometry.strides, viewGeometry.offset);
      const fnGrads = fn.apply([slice.clone()]);
      slice.copy_(fnGrads[0] ?? slice.mul(0));
      return [result.clone(), ...fnGrads.slice(1)];
    });
  copySlices.releaseSaved = () => fn.releaseSaved();
  base._gradFn = copySlices;
  base.output_nr = 0;
  copySlices.outputIds.push(base.id);
  regenerate(view);
}

inPlaceHooks.onViewModified = (tensor) => {
  onViewModified(tensor);
  adoptRetainGradHook(tensor);
};
viewHistory.regenerate = regenerate;
