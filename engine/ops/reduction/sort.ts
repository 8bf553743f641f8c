// Note [std::sort order]: PyTorch's CPU sort, topk and mode sort (value, index) pairs with libstdc++'s std::sort,
// std::partial_sort or std::nth_element, none of them stable, so the index reported among equal values is whatever
// those algorithms leave there. Reproducing it means reproducing them step by step: introsort (median-of-three
// quicksort down to runs of 16, heapsort after 2 log2(n) levels, then insertion sort), heap select + sort_heap, and
// introselect (quickselect down to runs of 3, heap select after 2 log2(n) levels, then insertion sort).

type Less<T> = (a: T, b: T) => boolean;
const threshold = 16;

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** floor(log2(n)) for n >= 1: libstdc++'s __lg. */
function lg(n: number): number {
  return 31 - Math.clz32(n);
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

function partitionPivot<T>(v: T[], first: number, last: number, less: Less<T>): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(v, first, first + 1, mid, last - 1, less);
  return unguardedPartition(v, first + 1, last, first, less);
}

/** __adjust_heap: sifts the hole at `hole` down to a leaf, then pushes `value` back up (a max-heap under `less`). */
function adjustHeap<T>(v: T[], first: number, hole: number, len: number, value: T, less: Less<T>): void {
  const top = hole;
  let child = hole;
  while (child < Math.floor((len - 1) / 2)) {
    child = 2 * (child + 1);
    if (less(v[first + child]!, v[first + child - 1]!)) child--;
    v[first + hole] = v[first + child]!;
    hole = child;
  }
  if ((len & 1) === 0 && child === (len - 2) >> 1) {
    child = 2 * (child + 1);
    v[first + hole] = v[first + child - 1]!;
    hole = child - 1;
  }
  let parent = Math.floor((hole - 1) / 2);
  while (hole > top && less(v[first + parent]!, value)) {
    v[first + hole] = v[first + parent]!;
    hole = parent;
    parent = Math.floor((hole - 1) / 2);
  }
  v[first + hole] = value;
}

function makeHeap<T>(v: T[], first: number, last: number, less: Less<T>): void {
  const len = last - first;
  if (len < 2) return;
  for (let parent = (len - 2) >> 1; parent >= 0; parent--) adjustHeap(v, first, parent, len, v[first + parent]!, less);
}

/** __pop_heap: moves the heap's top to `result` and re-heaps [first, last) with the element that was at `result`. */
function popHeap<T>(v: T[], first: number, last: number, result: number, less: Less<T>): void {
  const value = v[result]!;
  v[result] = v[first]!;
  adjustHeap(v, first, 0, last - first, value, less);
}

/** __heap_select: leaves the `middle - first` smallest elements in [first, middle), as a heap. */
function heapSelect<T>(v: T[], first: number, middle: number, last: number, less: Less<T>): void {
  makeHeap(v, first, middle, less);
  for (let i = middle; i < last; i++) if (less(v[i]!, v[first]!)) popHeap(v, first, middle, i, less);
}

function sortHeap<T>(v: T[], first: number, last: number, less: Less<T>): void {
  while (last - first > 1) {
    last--;
    popHeap(v, first, last, last, less);
  }
}

/** std::partial_sort in place: [first, middle) ends up holding the smallest elements, sorted. */
export function partialSort<T>(v: T[], first: number, middle: number, last: number, less: Less<T>): void {
  heapSelect(v, first, middle, last, less);
  sortHeap(v, first, middle, less);
}

function introsortLoop<T>(v: T[], first: number, last: number, depth: number, less: Less<T>): void {
  while (last - first > threshold) {
    if (depth === 0) {
      partialSort(v, first, last, last, less);
      return;
    }
    depth--;
    const cut = partitionPivot(v, first, last, less);
    introsortLoop(v, cut, last, depth, less);
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

/** std::sort of [first, last) in place. */
export function sortRange<T>(v: T[], first: number, last: number, less: Less<T>): void {
  if (last - first < 2) return;
  introsortLoop(v, first, last, lg(last - first) * 2, less);
  if (last - first > threshold) {
    insertionSort(v, first, first + threshold, less, true);
    insertionSort(v, first + threshold, last, less, false);
  } else {
    insertionSort(v, first, last, less, true);
  }
}

/** std::nth_element in place: v[nth] is what sorting would put there, smaller elements before, larger after. */
export function nthElement<T>(v: T[], nth: number, less: Less<T>): void {
  let [first, last] = [0, v.length];
  if (first === last || nth === last) return;
  let depth = lg(last - first) * 2;
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(v, first, nth + 1, last, less);
      swap(v, first, nth);
      return;
    }
    depth--;
    const cut = partitionPivot(v, first, last, less);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(v, first, last, less, true);
}

/** Sorts a copy of `items` exactly as libstdc++'s std::sort would with the comparator `less`. */
export function libstdcxxSort<T>(items: readonly T[], less: Less<T>): T[] {
  const v = [...items];
  sortRange(v, 0, v.length, less);
  return v;
}
