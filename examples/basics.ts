// The tensor part of a PyTorch introduction, line for line (basics.py is the Python original).
// Run it with `npm start`: the output is exactly what PyTorch prints for basics.py.

// Creating tensors from nested lists
const data = [[1, 2], [3, 4]];
const x_data = torch.tensor(data);
console.log(x_data);
console.log(x_data.shape);
console.log(x_data.dtype);

const floats = torch.tensor([[1.5, 2.0], [3.0, 4.25]]);
console.log(floats);
console.log(floats.dtype);

// Shapes and dtypes of new tensors
const x_ones = torch.ones_like(x_data);
console.log(`Ones Tensor: \n ${x_ones} \n`);
const x_rand = torch.zeros_like(x_data, { dtype: torch.float });
console.log(`Zeros Tensor: \n ${x_rand} \n`);
const shape = [2, 3];
console.log(torch.ones(shape));
console.log(torch.zeros(shape));
console.log(torch.full([2, 2], 7));
console.log(torch.arange(10));
console.log(torch.linspace(0, 1, 5));
console.log(torch.eye(3));

// flatten, view and reshape
const t = torch.arange(12).reshape(3, 4);
console.log(t);
console.log(t.flatten());
console.log(t.stride(), t.is_contiguous());

const a = torch.zeros(6);
const b = a.view(2, 3);
a.fill_(1);
console.log(b); // b shares storage with a: it sees the ones

const c = b.t();
console.log(c.is_contiguous());
try {
  c.view(6);
} catch (e) {
  console.log('RuntimeError:', (e as Error).message);
}
const d = c.reshape(6); // reshape copies when a view is impossible
d.setitem('0', 100);
console.log(d);
console.log(a); // unchanged by writing into the copy

// squeeze and unsqueeze
const s = torch.zeros(2, 1, 3);
console.log(s.squeeze().shape);
console.log(s.unsqueeze(0).shape);
console.log(torch.tensor([1, 2, 3]).unsqueeze(1));

// Matrix products
const m1 = torch.arange(6, { dtype: torch.float32 }).reshape(2, 3);
const m2 = torch.arange(12, { dtype: torch.float32 }).reshape(3, 4);
console.log(torch.mm(m1, m2));
console.log(m1.matmul(m2));
console.log(torch.matmul(m1, torch.ones(3)));
const v = torch.tensor([1.0, 2.0, 3.0]);
console.log(torch.dot(v, v));

// softmax, one_hot, argmax, randint
const logits = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]);
const probs = F.softmax(logits, { dim: 1 });
console.log(probs);
console.log(probs.sum({ dim: 1 }));
console.log(probs.argmax({ dim: 1 }));
const labels = torch.tensor([0, 2, 1]);
console.log(F.one_hot(labels, { num_classes: 3 }));
torch.manual_seed(0);
console.log(torch.rand(3));
console.log(torch.randint(0, 10, [2, 3]));
console.log(torch.randn(2, 2));
