// Note [std::sort order]: PyTorch's CPU mode sorts (value, index) pairs with std::sort, which is not stable, and
// reports the index its sort leaves last among equal values. Reproducing that index means reproducing libstdc++'s
// introsort: median-of-three quicksort down to runs of 16, then insertion sort. (Its heapsort fallback, taken only
// after 2 log2(n) bad pivots, is not reproduced.)

type Less<T> = (a: T, b: T) => boolean;
const threshold = 16;

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

function moveMedianToFirst<T>(v: T[], result: number, a: number, b: number, c: number, less: Less<T>): void {
  if (less(v[a]!, v[b]!)) {
    if (less(v[b]!, v[c]!)) swap(v, result, b);
    else if (less(v[a]!, v[c]!)) swap(v, result, c);
    else swap(v, result, a);
  } else if (less(v[a]!, v[c]!)) swap(v, result, a);
  else if (less(v[b]!, v[c]!)) swap(v, result, c);
  else swap(v, result, b);
}

function unguardedPartition<T>(v: T[], first: number, last: number, pivot: number, less: Less<T>): number {
  for (;;) {
    while (less(v[first]!, v[pivot]!)) first++;
    last--;
    while (less(v[pivot]!, v[last]!)) last--;
    if (!(first < last)) return first;
    swap(v, first, last);
    first++;
  }
}

function introsortLoop<T>(v: T[], first: number, last: number, less: Less<T>): void {
  while (last - first > threshold) {
    const mid = first + ((last - first) >> 1);
    moveMedianToFirst(v, first, first + 1, mid, last - 1, less);
    const cut = unguardedPartition(v, first + 1, last, first, less);
    introsortLoop(v, cut, last, less);
    last = cut;
  }
}

/** libstdc++'s __insertion_sort; with `guarded` false, its unguarded variant (a smaller element exists to the left). */
function insertionSort<T>(v: T[], first: number, last: number, less: Less<T>, guarded: boolean): void {
  for (let i = first + (guarded ? 1 : 0); i < last; i++) {
    const value = v[i]!;
    if (guarded && less(value, v[first]!)) {
      for (let j = i; j > first; j--) v[j] = v[j - 1]!;
      v[first] = value;
      continue;
    }
    let j = i;
    while (less(value, v[j - 1]!)) { v[j] = v[j - 1]!; j--; }
    v[j] = value;
  }
}

/** Sorts a copy of `items` exactly as libstdc++'s std::sort would with the comparator `less`. */
export function libstdcxxSort<T>(items: readonly T[], less: Less<T>): T[] {
  const v = [...items];
  if (v.length < 2) return v;
  introsortLoop(v, 0, v.length, less);
  if (v.length > threshold) {
    insertionSort(v, 0, threshold, less, true);
    insertionSort(v, threshold, v.length, less, false);
  } else {
    insertionSort(v, 0, v.length, less, true);
  }
  return v;
}
