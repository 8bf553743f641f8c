// The autograd part of a PyTorch introduction, line for line (autograd.py is the Python original).

// A scalar function and its derivative: z = 12 w^3 + 2, dz/dw = 36 w^2
const w = torch.tensor(2.0, { requires_grad: true });
const z = w.pow(3).mul(12).add(2);
console.log(z);
z.backward();
console.log(w.grad);

// Partial derivatives with an external gradient: Q = 3a^3 - b^2
const a = torch.tensor([2., 3.], { requires_grad: true });
const b = torch.tensor([6., 4.], { requires_grad: true });
const Q = a.pow(3).mul(3).sub(b.pow(2));
console.log(Q);
const external_grad = torch.tensor([1., 1.]);
Q.backward({ gradient: external_grad });
console.log(a.pow(2).mul(9).eq(a.grad!));
console.log(b.mul(-2).eq(b.grad!));
console.log(a.grad, b.grad);

// The graph: grad_fn nodes with PyTorch's names
const x = torch.ones(2, 2, { requires_grad: true });
const y = x.add(2);
console.log(y);
console.log(y.grad_fn!.name());
const zz = y.mul(y).mul(3);
const out = zz.mean();
console.log(zz, out);
console.log(out.grad_fn!.name(), out.grad_fn!.next_functions[0]![0]!.name());
out.backward();
console.log(x.grad);

// Leaves, no_grad and detach
console.log(x.is_leaf, y.is_leaf, x.requires_grad, y.requires_grad);
torch.no_grad(() => {
  console.log(x.pow(2).requires_grad);
});
console.log(x.detach().requires_grad);

// A tiny training step: a linear model and its gradient
torch.manual_seed(0);
const inp = torch.ones(5);
const target = torch.zeros(3);
const W = torch.randn(5, 3, { requires_grad: true });
const bias = torch.randn(3, { requires_grad: true });
const pred = torch.matmul(inp, W).add(bias);
const loss = F.binary_cross_entropy(torch.sigmoid(pred), target);
console.log(loss);
loss.backward();
console.log(W.grad);
console.log(bias.grad);
