// Storages as the storage view draws them: which tensors view each one, what its cells hold after a statement
// (rebuilt from the previews of the tensors viewing it), and which cells to draw when a storage is too long to draw
// whole.
import type { PreviewValue, StorageRecord, TensorRecord } from '../../extension/protocol/record.ts';
import { previewEntries } from './preview.ts';
import { storagePosition } from './strides.ts';
import type { Timeline } from './timeline.ts';

export interface StorageGroup { storage: StorageRecord; tensors: TensorRecord[] }

/** Every storage with the tensors that view it after `statement`; storages nobody views then are left out. */
export function storageGroups(timeline: Timeline, statement: number): StorageGroup[] {
  const byStorage = new Map<number, TensorRecord[]>();
  for (const tensor of timeline.tensorsAt(statement)) {
    const list = byStorage.get(tensor.storageId);
    if (list) list.push(tensor);
    else byStorage.set(tensor.storageId, [tensor]);
  }
  return timeline.record.storages
    .filter((s) => byStorage.has(s.id))
    .map((storage) => ({ storage, tensors: byStorage.get(storage.id)! }));
}

/** The storage positions a tensor's previewed elements read, in the order the tensor walks them. */
export function previewedPositions(tensor: TensorRecord, values: PreviewValue): { index: number[]; position: number; value: PreviewValue }[] {
  return previewEntries(values, tensor.shape).map(({ index, value }) => ({
    index, value, position: storagePosition(index, tensor.stride, tensor.storage_offset),
  }));
}

/**
 * The storage's cell values after `statement`, as far as the previews show them: each viewing tensor's latest preview
 * written onto the cells it reads, older previews first so that the newest write wins.
 */
export function storageValues(timeline: Timeline, group: StorageGroup, statement: number): Map<number, PreviewValue> {
  const previews = group.tensors
    .map((tensor) => ({ tensor, at: timeline.previewAt(tensor.id, statement) }))
    .filter((p) => p.at !== undefined)
    .sort((a, b) => a.at!.statement - b.at!.statement);
  const cells = new Map<number, PreviewValue>();
  for (const { tensor, at } of previews) {
    for (const { position, value } of previewedPositions(tensor, at!.preview.values)) cells.set(position, value);
  }
  return cells;
}

/**
 * Which cells of a storage of `size` elements to draw, in order, with `null` where cells are skipped: all of them
 * when there are at most `budget`, else the first and last few and the ones the views read (`wanted`), up to budget.
 */
export function stripPositions(size: number, wanted: readonly number[], budget = 96): (number | null)[] {
  if (size <= budget) return Array.from({ length: size }, (_, i) => i);
  const edge = Math.min(8, Math.floor(budget / 4));
  const chosen = new Set<number>();
  for (let i = 0; i < edge; i++) chosen.add(i);
  for (let i = size - edge; i < size; i++) chosen.add(i);
  for (const p of wanted) {
    if (chosen.size >= budget) break;
    if (p >= 0 && p < size) chosen.add(p);
  }
  const sorted = [...chosen].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p !== sorted[i - 1]! + 1) result.push(null);
    result.push(p);
  });
  return result;
}
