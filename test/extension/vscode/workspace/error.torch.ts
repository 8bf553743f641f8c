const a = torch.ones(2, 3);
const b = torch.ones(4, 5);
console.log(a.matmul(b));
