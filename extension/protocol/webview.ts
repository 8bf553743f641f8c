// The protocol between the extension host and the inspector webview: one discriminated union each way, imported with
// `import type` on both sides. Types only: no runtime code crosses the boundary.
//
// How a session goes:
// - The page starts, the webview posts `DidLoadWebviewNotification` (with the state it restored, if any); the host
//   answers with `SetRecordNotification` whenever it has a record (after every run, and on reveal).
// - The host may steer the view: `FocusTensorCommand` (a hover link "open in inspector"), `FocusStatementCommand`
//   (the editor's cursor moved to another statement), `DidStartRunNotification` (a run began: show it as stale).
// - The user acts in the webview: `DidSelectTensorNotification` / `DidSelectStatementNotification` (the host may
//   highlight the line), `RevealSourceRequest` (clicked a graph node or a variable: open its source line),
//   `ExportImageRequest` (save the graph or storage picture; the standalone page downloads instead).
// - Every request carries an `id` and gets exactly one `WebviewResponse` with that id; the webview gives up on a
//   request after 10 seconds and shows the error.
//
// The page contract (how the webview boots; see docs/webview.md):
// - the bundle is `dist/webview/inspector.js` (one classic script, loaded with the page's nonce); it renders into
//   `<main id="inspector-root">` and reads an optional embedded record from
//   `<script type="application/json" id="inspector-record">` (the standalone page; a panel sends `setRecord`).
// - the graph layout runs in a Web Worker started from a `data:` URL built from source embedded in the bundle, so the
//   page's CSP must allow `worker-src data:` (nothing else: no `blob:`, no `unsafe-eval`); see Note [Layout worker].
// - state persists through `acquireVsCodeApi().getState()/setState()` as a `WebviewState`.
import type { InspectorRecord, SourceRange } from './record.ts';

/** The inspector's views; a command may ask for one to be shown. */
export type InspectorViewName = 'storage' | 'values' | 'graph';

/** A tensor named by its id in the record, or by a variable name bound to it (`parts[0]`, `model.w`). */
export type TensorTarget = { id: number } | { name: string };

// ---- extension -> webview -------------------------------------------------------------------------------------

/** A new record to draw (after a run, or when the panel is revealed). Keeps the selection when the tensor survives. */
export interface SetRecordNotification {
  type: 'setRecord';
  record: InspectorRecord;
  /** Where to put the timeline: a statement index, or `last` (the default). */
  statement?: number | 'last';
}

/** A run of `file` began: the webview marks what it shows as stale until the next `setRecord`. */
export interface DidStartRunNotification { type: 'didStartRun'; file: string }

/** Select a tensor everywhere and, optionally, show one view (the hover's "open in inspector" link). */
export interface FocusTensorCommand { type: 'focusTensor'; tensor: TensorTarget; view?: InspectorViewName }

/** Move the timeline to a statement (the editor's cursor is in it). */
export interface FocusStatementCommand { type: 'focusStatement'; statement: number }

/** The answer to one request from the webview: `error` says why it failed. */
export interface WebviewResponse { type: 'response'; id: number; error?: string; detail?: string }

export type HostToWebviewMessage =
  | SetRecordNotification
  | DidStartRunNotification
  | FocusTensorCommand
  | FocusStatementCommand
  | WebviewResponse;

// ---- webview -> extension -------------------------------------------------------------------------------------

/** The webview's script is running and ready for `setRecord`; `state` is what it restored from `getState()`. */
export interface DidLoadWebviewNotification { type: 'didLoadWebview'; state: WebviewState | null }

/** The user selected a tensor (or cleared the selection). `names` are its variable names, for the host's use. */
export interface DidSelectTensorNotification { type: 'didSelectTensor'; tensor: number | null; names: string[] }

/** The user moved the timeline. */
export interface DidSelectStatementNotification { type: 'didSelectStatement'; statement: number; range: SourceRange }

/** Open `file` at `range` in an editor (a graph node or variable was activated). */
export interface RevealSourceRequest { type: 'revealSourceRequest'; id: number; file: string; range: SourceRange }

/** Save a picture. `data` is the SVG text for `svg`, base64 of the PNG bytes for `png`. */
export interface ExportImageRequest {
  type: 'exportImageRequest';
  id: number;
  picture: 'graph' | 'storage';
  format: 'svg' | 'png';
  /** A file name to suggest, e.g. `basics.graph.svg`. */
  fileName: string;
  data: string;
}

export type WebviewToHostMessage =
  | DidLoadWebviewNotification
  | DidSelectTensorNotification
  | DidSelectStatementNotification
  | RevealSourceRequest
  | ExportImageRequest;

export type WebviewRequest = Extract<WebviewToHostMessage, { id: number }>;

// ---- persisted state -------------------------------------------------------------------------------------------

/** What the webview keeps with `setState` so that a reloaded panel (a serializer revive) looks as it was left. */
export interface WebviewState {
  stateVersion: 1;
  record: InspectorRecord | null;
  /** The selected tensor's id. */
  tensor: number | null;
  /** The timeline position (a statement index). */
  statement: number | null;
  view: InspectorViewName;
  /** The variables table's filter text and sort. */
  filter: string;
  sort: { column: string; descending: boolean };
}
