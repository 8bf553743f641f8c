// Views and copies: which tensors share one storage, line for line with views.py (the Python original).
// Open the page that `tensor-inspector run examples/views.ts --html views.html` writes to see the storages.

// One storage of six numbers, seen as a 3 x 2 matrix
const a = torch.arange(6.0).reshape(3, 2);
console.log(a.stride(), a.is_contiguous());

// view: the same storage with another shape and strides
const v = a.view(2, 3);
console.log(v.stride(), v.is_contiguous());

// t(): a view too, walking the storage across the rows
const t = a.t();
console.log(t.stride(), t.is_contiguous());

// t can't be flattened by a view: reshape copies into a new storage
try {
  t.view(6);
} catch (e) {
  console.log('RuntimeError:', (e as Error).message);
}
const r = t.reshape(6);
console.log(r);

// A slice is a view that starts further into the storage
const s = a.getitem('1:, 1');
console.log(s, s.storage_offset(), s.stride());

// Writing through one view shows in every view of the storage, not in the copy
a.fill_(1);
console.log(v);
console.log(t);
console.log(r);
