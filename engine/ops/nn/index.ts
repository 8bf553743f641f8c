// `torch.nn.functional` ops; `functions` holds those that torch also exposes at top level (torch.softmax, torch.relu).
export const F = {};
export const functions = {};
