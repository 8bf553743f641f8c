// The shape of a compiled snippet, shared by the compiler (host) and the worker: the wrapper function and the names
// it gives the recorder's hooks and the engine's `pyfloat`. The names start with `__` to stay out of the snippet's way.
export const hooksName = '__ti';
export const pyfloatName = '__pyfloat';
export const moduleName = 'tensor-inspector';
export const wrapperPrefix = `(async function (${hooksName}, ${pyfloatName}) { "use strict";\n`;
export const wrapperSuffix = '\n})';
