// The inspector's stylesheet, adopted as a constructed stylesheet (no <style> element, so the page's CSP needs no
// `unsafe-inline`). Colours come only from VS Code's `--vscode-*` variables (see theme.ts for the standalone page).
import { standaloneThemeCss } from './theme.ts';

const css = `
${standaloneThemeCss}
body { --view-0: var(--vscode-charts-blue); --view-1: var(--vscode-charts-orange); --view-2: var(--vscode-charts-green);
  --view-3: var(--vscode-charts-purple); --view-4: var(--vscode-charts-red); --view-5: var(--vscode-charts-yellow);
  --mono: var(--vscode-editor-font-family, monospace); --border: var(--vscode-panel-border, #8884);
  --muted: var(--vscode-descriptionForeground); --highlight: var(--vscode-focusBorder); }
html, body { margin: 0; height: 100%; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground);
  background: var(--vscode-editor-background); }
#inspector-root { height: 100%; }
.app { display: grid; grid-template-rows: auto auto 1fr auto; height: 100%; min-height: 480px; }
.app.stale .panes { opacity: 0.6; }
code, .mono { font-family: var(--mono); font-size: var(--vscode-editor-font-size, 12px); }
p code, li code { background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.muted { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

/* header */
.header { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 14px; padding: 6px 12px;
  border-bottom: 1px solid var(--border); background: var(--vscode-sideBar-background); }
.header h1 { font-size: 13px; font-weight: 600; margin: 0; }
.header .status-ok::before, .header .status-failed::before { content: "●"; margin-right: 4px; }
.header .status-ok::before { color: var(--vscode-charts-green); } .header .status-failed { color: var(--vscode-errorForeground); }
.header .spacer { flex: 1; }
.header label { display: inline-flex; align-items: center; gap: 6px; }
select { font: inherit; color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background);
  border: 1px solid var(--vscode-dropdown-border); border-radius: 2px; padding: 2px 4px; }
.banner { margin: 6px 12px 0; padding: 6px 10px; border-left: 3px solid var(--vscode-errorForeground);
  background: var(--vscode-textCodeBlock-background); white-space: pre-wrap; font-family: var(--mono); font-size: 12px; }
.banner.note { border-left-color: var(--vscode-editorWarning-foreground); font-family: inherit; }
.banner:empty { display: none; }

/* GPU summary */
.gpu { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 18px; margin: 6px 12px 0; padding: 6px 10px;
  border: 1px solid var(--border); border-radius: 4px; background: var(--vscode-editorWidget-background); }
.gpu[hidden] { display: none; }
.gpu-heading { display: flex; align-items: baseline; gap: 8px; min-width: 0; max-width: 100%; }
.gpu-heading h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; margin: 0; font-weight: 600; }
.gpu-heading .adapter { color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 80ch; }
.gpu-facts { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 0; }
.gpu-facts div { display: flex; gap: 5px; white-space: nowrap; }
.gpu-facts dt { color: var(--muted); } .gpu-facts dd { margin: 0; font-family: var(--mono); font-variant-numeric: tabular-nums; }
.gpu-fallbacks { flex-basis: 100%; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; margin: 0; }
.gpu-fallbacks .label { color: var(--vscode-editorWarning-foreground); font-weight: 600; }
.gpu-fallbacks.none { color: var(--muted); }
.gpu-fallbacks ul { display: contents; list-style: none; }
.gpu-fallbacks li { display: inline-flex; align-items: baseline; gap: 5px; padding: 1px 4px 1px 7px; border-radius: 3px;
  border: 1px solid var(--border); border-left: 3px solid var(--vscode-editorWarning-foreground); background: var(--vscode-editor-background); }
.gpu-fallbacks .count { font-family: var(--mono); font-variant-numeric: tabular-nums; }
.gpu-fallbacks button.line { font: inherit; font-size: 11px; color: var(--vscode-textLink-foreground); background: none; border: 0;
  padding: 0 2px; cursor: pointer; text-decoration: underline; }

/* timeline */
.timeline { display: grid; grid-template-columns: auto auto 1fr auto; align-items: center; gap: 6px 10px; padding: 6px 12px;
  border-bottom: 1px solid var(--border); }
.timeline input[type=range] { width: 100%; accent-color: var(--vscode-textLink-foreground); }
.timeline .position { font-variant-numeric: tabular-nums; white-space: nowrap; }
.timeline .statement { grid-column: 1 / -1; display: flex; gap: 10px; align-items: baseline; min-width: 0; }
.timeline .statement code { white-space: pre; overflow: hidden; text-overflow: ellipsis; }
.timeline .changes { color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.timeline .gpu-work { color: var(--muted); white-space: nowrap; }
.timeline .gpu-work:not(:empty)::before { content: "GPU: "; }
.timeline .gpu-fallback { color: var(--vscode-editorWarning-foreground); white-space: nowrap; }
.timeline .gpu-fallback:not(:empty)::before { content: "⚠ "; }

/* panes */
.panes[hidden], .waiting[hidden] { display: none; }
.waiting { grid-row: 3; padding: 24px; }
.panes { display: grid; grid-template-columns: minmax(300px, 38%) 1fr; min-height: 0; }
@media (max-width: 860px) { .panes { grid-template-columns: 1fr; grid-template-rows: minmax(180px, 40%) 1fr; } }
.pane { min-width: 0; min-height: 0; display: flex; flex-direction: column; }
.pane + .pane { border-left: 1px solid var(--border); }
.pane-title { display: flex; align-items: center; gap: 8px; padding: 6px 12px; }
.pane-title h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; margin: 0; font-weight: 600; }
.pane-title vscode-textfield { flex: 1; min-width: 80px; }
.scroll { overflow: auto; min-height: 0; flex: 1; }

/* variables table */
table.variables { border-collapse: collapse; width: 100%; font-size: 12px; }
table.variables th { position: sticky; top: 0; background: var(--vscode-sideBar-background); text-align: left; font-weight: 600;
  border-bottom: 1px solid var(--border); padding: 0; white-space: nowrap; z-index: 1; }
table.variables th button { font: inherit; color: inherit; background: none; border: 0; padding: 4px 8px; cursor: pointer; width: 100%; text-align: left; }
table.variables th[aria-sort=ascending] button::after { content: " ▲"; font-size: 9px; }
table.variables th[aria-sort=descending] button::after { content: " ▼"; font-size: 9px; }
table.variables td { padding: 3px 8px; border-bottom: 1px solid var(--border); white-space: nowrap; font-family: var(--mono); }
table.variables td.name { font-weight: 600; }
table.variables tr { cursor: pointer; }
table.variables tbody tr:hover { background: var(--vscode-list-hoverBackground); }
table.variables tr[aria-selected=true] { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground);
  outline: 1px solid var(--vscode-contrastActiveBorder, transparent); outline-offset: -1px; }
table.variables td.values { max-width: 240px; overflow: hidden; text-overflow: ellipsis; color: var(--muted); }
table.variables tr[aria-selected=true] td.values { color: inherit; }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.badge { display: inline-block; font-family: var(--vscode-font-family); font-size: 10px; font-weight: 600; padding: 0 5px; border-radius: 8px;
  margin-left: 6px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground);
  border: 1px solid var(--vscode-contrastBorder, transparent); }
.badge.written { background: var(--vscode-charts-orange); color: #000; }
.badge.created { background: var(--vscode-charts-green); color: #000; }
.badge.grad { background: var(--vscode-charts-purple); color: #fff; }
.empty { padding: 12px; color: var(--muted); }

/* tabs */
vscode-tabs { flex: 1; min-height: 0; display: grid; grid-template-rows: auto minmax(0, 1fr); }
vscode-tab-panel { overflow: auto; min-height: 0; }
vscode-tab-panel[data-view=graph] { overflow: hidden; }
.view { padding: 10px 14px; display: flex; flex-direction: column; gap: 10px; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
.toolbar .spacer { flex: 1; }

/* storage */
.groups { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 0; padding: 0; }
.group { border: 1px solid var(--border); border-radius: 4px; padding: 3px 6px; display: flex; gap: 4px; align-items: center; flex-wrap: wrap; }
.group.current { border-color: var(--highlight); }
details.all-storages summary { cursor: pointer; color: var(--muted); margin-bottom: 6px; }
.group .label { color: var(--muted); font-size: 11px; margin-right: 2px; }
.chip { font: inherit; font-family: var(--mono); font-size: 12px; color: inherit; border: 1px solid var(--border); background: var(--vscode-editor-background);
  border-radius: 10px; padding: 0 7px; cursor: pointer; }
.chip[aria-pressed=true] { border-color: var(--highlight); background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
.picture { overflow: auto; border: 1px solid var(--border); border-radius: 4px; background: var(--vscode-editor-background); }
.picture:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; border-color: var(--vscode-focusBorder); }
.picture svg { display: block; }
.explain { max-width: 80ch; line-height: 1.5; margin: 0; padding-left: 18px; }
.explain li { margin: 2px 0 6px; }
.try { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.try input { font-family: var(--mono); width: 12ch; background: var(--vscode-input-background); color: var(--vscode-input-foreground);
  border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
/* The chart green is meant for marks, not text: mixed with the text colour it keeps its hue and reaches 4.5:1. */
.try output.ok { color: color-mix(in srgb, var(--vscode-charts-green) 75%, var(--vscode-foreground)); } .try output.error { color: var(--vscode-errorForeground); }
svg text { font-family: var(--mono); font-size: 12px; fill: var(--vscode-foreground); }
svg .caption { fill: var(--muted); font-size: 11px; font-family: var(--vscode-font-family); }
svg .cell rect { fill: var(--vscode-editor-background); stroke: var(--vscode-charts-lines); stroke-width: 1; }
svg .cell.unknown text { fill: var(--muted); }
svg .cell.read rect { fill: var(--read-colour); fill-opacity: 0.28; stroke: var(--read-colour); stroke-width: 2; }
svg .cell .position { font-size: 10px; fill: var(--muted); }
svg .gap text { fill: var(--muted); }
svg .view-grid rect { fill: var(--vscode-editor-background); stroke: var(--grid-colour); stroke-width: 1; }
svg .view-grid.selected rect { stroke-width: 2; fill: var(--grid-colour); fill-opacity: 0.16; }
svg .view-grid .title { font-weight: 600; fill: var(--grid-colour); }
svg .view-grid .arrow-label { font-size: 10px; fill: var(--muted); }
svg .order { font-size: 10px; font-weight: 700; fill: var(--read-colour); }
svg .walk { fill: none; stroke: var(--read-colour); stroke-width: 1.5; opacity: 0.9; }
svg .walk-arrow { fill: var(--read-colour); }
svg .step rect { stroke: var(--vscode-focusBorder); stroke-width: 3; }
svg .view-grid { cursor: pointer; }
${[0, 1, 2, 3, 4, 5].map((i) => `svg .colour-${i} { --grid-colour: var(--view-${i}); --read-colour: var(--view-${i}); }`).join('\n')}

/* values */
.slicer { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
table.values { border-collapse: collapse; font-family: var(--mono); font-size: 12px; }
table.values th { font-weight: normal; color: var(--muted); padding: 2px 6px; text-align: right; }
table.values td { padding: 3px 8px; text-align: right; border: 1px solid var(--vscode-editor-background); min-width: 3ch; }
table.values td.gap { text-align: center; color: var(--muted); }
.stats { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; }
.stats div { display: flex; gap: 6px; } .stats dt { color: var(--muted); } .stats dd { margin: 0; font-family: var(--mono); }
.scale { display: flex; align-items: center; gap: 6px; font-family: var(--mono); font-size: 11px; }
.scale .ramp { display: inline-flex; } .scale .ramp span { width: 14px; height: 10px; display: inline-block; }

/* graph */
.graph-view { padding: 0; height: 100%; display: flex; flex-direction: column; }
.graph-view .toolbar { padding: 8px 14px; border-bottom: 1px solid var(--border); }
.graph-canvas { position: relative; overflow: hidden; flex: 1; min-height: 300px; cursor: grab; touch-action: none; outline: none; }
.graph-canvas:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
.graph-canvas.dragging { cursor: grabbing; }
.graph-canvas svg { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
.graph-canvas .status { position: absolute; left: 14px; top: 10px; color: var(--muted); }
svg .node rect { stroke-width: 1; rx: 4px; }
svg .node.function rect, svg .node.collapsed rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-charts-lines); }
svg .node.collapsed rect { stroke-dasharray: 4 2; }
svg .node.tensor rect { fill: var(--vscode-charts-green); fill-opacity: 0.18; stroke: var(--vscode-charts-green); }
svg .node.accumulate rect { fill: var(--vscode-charts-blue); fill-opacity: 0.18; stroke: var(--vscode-charts-blue); }
svg .node.saved rect { fill: var(--vscode-charts-orange); fill-opacity: 0.15; stroke: var(--vscode-charts-orange); stroke-dasharray: 3 2; }
svg .node .title { font-weight: 600; }
svg .node .line { fill: var(--muted); font-size: 11px; }
svg .node .line.grad { fill: var(--vscode-charts-purple); font-weight: 600; }
svg .node.selected rect { stroke: var(--vscode-focusBorder); stroke-width: 3; }
svg .node:focus { outline: none; } svg .node:focus-visible rect { stroke: var(--vscode-focusBorder); stroke-width: 3; stroke-dasharray: none; }
svg .node { cursor: pointer; }
svg .edge { fill: none; stroke: var(--vscode-charts-lines); stroke-width: 1.2; }
svg .edge.saved { stroke-dasharray: 3 3; }
svg .arrow { fill: var(--vscode-charts-lines); }
svg .future { opacity: 0.12; pointer-events: none; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 11px; color: var(--muted); }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; border: 1px solid; }
.legend .l-tensor::before { border-color: var(--vscode-charts-green); } .legend .l-leaf::before { border-color: var(--vscode-charts-blue); }
.legend .l-function::before { border-color: var(--vscode-charts-lines); } .legend .l-saved::before { border-color: var(--vscode-charts-orange); border-style: dashed; }

/* console */
details.console { border-top: 1px solid var(--border); padding: 4px 12px; max-height: 30vh; overflow: auto; }
details.console summary { cursor: pointer; color: var(--muted); }
details.console pre { margin: 4px 0; font-family: var(--mono); font-size: 12px; white-space: pre-wrap; }
details.console .stderr { color: var(--vscode-errorForeground); }

body.vscode-high-contrast svg .node rect, body.vscode-high-contrast svg .cell rect { fill-opacity: 0 !important; }
@media (forced-colors: active) { svg .node rect, svg .cell rect, svg .view-grid rect { stroke: CanvasText; } svg text { fill: CanvasText; } }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;

export function adoptStyles(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
