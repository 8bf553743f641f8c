// The start of basics.ts as a snippet file for the VS Code extension: open it, run "Tensor Inspector: Evaluate File"
// (or the Evaluate lens above the first line), and read each tensor's dtype, shape and values at the end of its line;
// hover a variable for its strides, storage and autograd state, and open the inspector from there.

// Creating tensors from nested lists
const data = [[1, 2], [3, 4]];
const x_data = torch.tensor(data);
const floats = torch.tensor([[1.5, 2.0], [3.0, 4.25]]);
const x_ones = torch.ones_like(x_data);
console.log(floats.dtype, x_ones.dtype);

// flatten, view and reshape
const t = torch.arange(12).reshape(3, 4);
const flat = t.flatten();
console.log(flat.shape, t.stride());
const a = torch.zeros(6);
const b = a.view(2, 3); // b shares storage with a
a.fill_(1);
const c = b.t(); // a transposed view: not contiguous
const d = c.reshape(6); // reshape copies when a view is impossible
d.setitem('0', 100);
console.log(a); // unchanged by writing into the copy

// A matrix product and its gradient
const w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], { requires_grad: true });
const loss = w.matmul(x_data.float()).sum();
loss.backward();
w.grad
