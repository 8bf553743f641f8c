# Views and copies: which tensors share one storage (views.ts is the TypeScript version).
import torch

# One storage of six numbers, seen as a 3 x 2 matrix
a = torch.arange(6.0).reshape(3, 2)
print(a.stride(), a.is_contiguous())

# view: the same storage with another shape and strides
v = a.view(2, 3)
print(v.stride(), v.is_contiguous())

# t(): a view too, walking the storage across the rows
t = a.t()
print(t.stride(), t.is_contiguous())

# t can't be flattened by a view: reshape copies into a new storage
try:
    t.view(6)
except RuntimeError as e:
    print('RuntimeError:', e)
r = t.reshape(6)
print(r)

# A slice is a view that starts further into the storage
s = a[1:, 1]
print(s, s.storage_offset(), s.stride())

# Writing through one view shows in every view of the storage, not in the copy
a.fill_(1)
print(v)
print(t)
print(r)
