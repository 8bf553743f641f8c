// Not a snippet by name: evaluable by command only.
const x = torch.arange(4);
x.sum()
