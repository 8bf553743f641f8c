const a = torch.ones(2);
while (true) {
  a.add_(1);
}
