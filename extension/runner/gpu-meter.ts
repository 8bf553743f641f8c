// The GPU's part of the record (Note [CPU fallback] in engine/backend/webgpu/index.ts): kernels launched, ops that
// fell back to the CPU and host <-> device copies, per statement and for the whole run, read from the device client's
// own counters without waiting for the device. Only the end of the run waits once, for the device thread's pool
// counters. The recorder reads tensor values for its previews between statements; those reads are the inspector's,
// not the snippet's, so the meter pauses around them and leaves them out.
import type { DeviceClient } from '../../engine/backend/webgpu/client.ts';
import { startedGpuDevice } from '../../engine/backend/webgpu/index.ts';
import type { GpuFallback, GpuRecord, GpuStats, GpuTransfers, StatementGpuRecord } from '../protocol/record.ts';

interface Counts { launches: number; transfers: GpuTransfers; fallbacks: Map<string, number> }

const zero = (): Counts => ({ launches: 0, transfers: { readbacks: 0, readbackBytes: 0, uploads: 0, uploadBytes: 0 }, fallbacks: new Map() });

function countsOf(device: DeviceClient): Counts {
  return { launches: device.launches, transfers: { ...device.transfers }, fallbacks: new Map(device.fallbacks) };
}

/** `a - b` when `sign` is -1, `a + b` when it is 1. */
function combine(a: Counts, b: Counts, sign: 1 | -1): Counts {
  const fallbacks = new Map(a.fallbacks);
  for (const [op, n] of b.fallbacks) fallbacks.set(op, (fallbacks.get(op) ?? 0) + sign * n);
  const t = (key: keyof GpuTransfers): number => a.transfers[key] + sign * b.transfers[key];
  return {
    launches: a.launches + sign * b.launches,
    transfers: { readbacks: t('readbacks'), readbackBytes: t('readbackBytes'), uploads: t('uploads'), uploadBytes: t('uploadBytes') },
    fallbacks,
  };
}

/** Most frequent first, then by name; ops that did not fall back are left out. */
function fallbackList(fallbacks: Map<string, number>): GpuFallback[] {
  return [...fallbacks].filter(([, count]) => count > 0).map(([op, count]) => ({ op, count }))
    .sort((a, b) => b.count - a.count || (a.op < b.op ? -1 : a.op > b.op ? 1 : 0));
}

export class GpuMeter {
  /** The counts when the snippet last resumed (null: since the device started). */
  private base: Counts | null = null;
  private pausedAt: Counts | null = null;
  /** What the inspector itself caused while paused. */
  private own = zero();

  /** Stops counting for the snippet; returns what it did since it last resumed, or undefined while there is no device. */
  pause(): StatementGpuRecord | undefined {
    const device = startedGpuDevice();
    if (device === null) return undefined;
    const now = countsOf(device);
    this.pausedAt = now;
    const delta = combine(now, this.base ?? zero(), -1);
    return { dispatches: delta.launches, fallbacks: fallbackList(delta.fallbacks), ...delta.transfers };
  }

  /** Counts for the snippet again; what happened since `pause()` was the inspector's. */
  resume(): void {
    const device = startedGpuDevice();
    if (device === null) return;
    const now = countsOf(device);
    if (this.pausedAt !== null) this.own = combine(this.own, combine(now, this.pausedAt, -1), 1);
    this.base = now;
    this.pausedAt = null;
  }

  /** The whole run's record, after `pause()` at its end; waits for the device's queued work once. */
  result(): GpuRecord | undefined {
    const device = startedGpuDevice();
    if (device === null) return undefined;
    let stats: GpuStats | null;
    try {
      stats = device.sync();
    } catch {
      stats = null;
    }
    const snippet = combine(this.pausedAt ?? countsOf(device), this.own, -1);
    return { adapter: device.info.adapter, stats, fallbacks: fallbackList(snippet.fallbacks), transfers: snippet.transfers };
  }
}
