# The Python original of basics.ts: the tensor part of a PyTorch introduction.
import torch
import torch.nn.functional as F

# Creating tensors from nested lists
data = [[1, 2], [3, 4]]
x_data = torch.tensor(data)
print(x_data)
print(x_data.shape)
print(x_data.dtype)

floats = torch.tensor([[1.5, 2.0], [3.0, 4.25]])
print(floats)
print(floats.dtype)

# Shapes and dtypes of new tensors
x_ones = torch.ones_like(x_data)
print(f"Ones Tensor: \n {x_ones} \n")
x_rand = torch.zeros_like(x_data, dtype=torch.float)
print(f"Zeros Tensor: \n {x_rand} \n")
shape = (2, 3)
print(torch.ones(shape))
print(torch.zeros(shape))
print(torch.full((2, 2), 7))
print(torch.arange(10))
print(torch.linspace(0, 1, 5))
print(torch.eye(3))

# flatten, view and reshape
t = torch.arange(12).reshape(3, 4)
print(t)
print(t.flatten())
print(t.stride(), t.is_contiguous())

a = torch.zeros(6)
b = a.view(2, 3)
a.fill_(1)
print(b)  # b shares storage with a: it sees the ones

c = b.t()
print(c.is_contiguous())
try:
    c.view(6)
except RuntimeError as e:
    print("RuntimeError:", e)
d = c.reshape(6)  # reshape copies when a view is impossible
d[0] = 100
print(d)
print(a)  # unchanged by writing into the copy

# squeeze and unsqueeze
s = torch.zeros(2, 1, 3)
print(s.squeeze().shape)
print(s.unsqueeze(0).shape)
print(torch.tensor([1, 2, 3]).unsqueeze(1))

# Matrix products
m1 = torch.arange(6, dtype=torch.float32).reshape(2, 3)
m2 = torch.arange(12, dtype=torch.float32).reshape(3, 4)
print(torch.mm(m1, m2))
print(m1.matmul(m2))
print(torch.matmul(m1, torch.ones(3)))
v = torch.tensor([1.0, 2.0, 3.0])
print(torch.dot(v, v))

# softmax, one_hot, argmax, randint
logits = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
probs = F.softmax(logits, dim=1)
print(probs)
print(probs.sum(dim=1))
print(probs.argmax(dim=1))
labels = torch.tensor([0, 2, 1])
print(F.one_hot(labels, num_classes=3))
torch.manual_seed(0)
print(torch.rand(3))
print(torch.randint(0, 10, (2, 3)))
print(torch.randn(2, 2))
