// The layout worker's bundled code, as text: esbuild.mjs builds webview/layout/worker.ts and hands it to the page
// bundle under this name (see Note [Layout worker] in client.ts).
declare module 'layout-worker-source' {
  const source: string;
  export default source;
}
