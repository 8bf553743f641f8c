const a = torch.zeros(6);
const b = a.view(2, 3);
a.fill_(1);
const c = b.t().contiguous();
const w = torch.tensor(2.0, { requires_grad: true });
const y = w.mul(3);
y.backward();
console.log(b.sum(), c.is_contiguous());
b.shape
