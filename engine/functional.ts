// `torch.nn.functional`, assembled from engine/ops/nn.
export const F = {};
