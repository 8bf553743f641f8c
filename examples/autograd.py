# The Python original of autograd.ts: the autograd part of a PyTorch introduction.
import torch

# A scalar function and its derivative: z = 12 w^3 + 2, dz/dw = 36 w^2
w = torch.tensor(2.0, requires_grad=True)
z = 12 * w**3 + 2
print(z)
z.backward()
print(w.grad)

# Partial derivatives with an external gradient: Q = 3a^3 - b^2
a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3*a**3 - b**2
print(Q)
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(9*a**2 == a.grad)
print(-2*b == b.grad)
print(a.grad, b.grad)

# The graph: grad_fn nodes with PyTorch's names
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
print(y)
print(y.grad_fn.name())
zz = y * y * 3
out = zz.mean()
print(zz, out)
print(out.grad_fn.name(), out.grad_fn.next_functions[0][0].name())
out.backward()
print(x.grad)

# Leaves, no_grad and detach
print(x.is_leaf, y.is_leaf, x.requires_grad, y.requires_grad)
with torch.no_grad():
    print((x ** 2).requires_grad)
print(x.detach().requires_grad)

# A tiny training step: a linear model and its gradient
torch.manual_seed(0)
inp = torch.ones(5)
target = torch.zeros(3)
W = torch.randn(5, 3, requires_grad=True)
bias = torch.randn(3, requires_grad=True)
pred = torch.matmul(inp, W) + bias
loss = torch.nn.functional.binary_cross_entropy(torch.sigmoid(pred), target)
print(loss)
loss.backward()
print(W.grad)
print(bias.grad)
