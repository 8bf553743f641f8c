// `torch.nn.functional`, assembled from engine/ops/nn.
export { F } from './ops/nn/index.ts';
