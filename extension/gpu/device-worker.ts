// The device thread's entry: the only module that loads the `webgpu` package (Dawn's Node bindings).
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { create, globals } from 'webgpu';
import type { DeviceCommand } from '../../engine/backend/webgpu/protocol.ts';
import { runDeviceThread } from './device-thread.ts';

const port = parentPort;
if (!port) throw new Error('the GPU device thread must run in a worker thread');
Object.assign(globalThis, globals);

const { dumpWgsl } = workerData as { dumpWgsl: boolean };
runDeviceThread(
  { create, platform: process.platform, env: process.env, dumpWgsl, log: (line) => writeSync(2, `${line}\n`) },
  (handler) => port.on('message', (command: DeviceCommand) => handler(command)),
);
