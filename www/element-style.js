// The element's own styles, adopted into its shadow root as a constructed stylesheet: no
// <style> element and no style attributes, so a strict Content-Security-Policy allows them, and
// nothing is fetched. Theme it with the custom properties below and ::part().
// The host contains layout and style, not paint: paint containment clips to the host's rounded
// corners, and a rounded clip around the canvases makes the compositor draw the whole element
// through a masked layer every frame (software compositing, 8,8 playing at 1440 × 2000: ~17 → ~6
// ms of the compositor's drawing a frame, 54 → 60 frames/s).
export const ELEMENT_CSS = `
:host {
  --fs-background: #f4f6f9;
  --fs-panel: #ffffff;
  --fs-text: #1d2430;
  --fs-muted: #5b6575;
  --fs-line: #d9dee6;
  --fs-accent: #0072b2;
  --fs-on-accent: #fff;
  --fs-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  display: block;
  contain: layout style;
  container-type: inline-size;
  min-width: 0;
  font-family: var(--fs-font);
  color: var(--fs-text);
  background: var(--fs-background);
  border-radius: 10px;
  padding: 0.6rem;
  box-sizing: border-box;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme=light])) {
    --fs-background: #14181f;
    --fs-panel: #1d232c;
    --fs-text: #e6e9ee;
    --fs-muted: #a3acb9;
    --fs-line: #3a4350;
    --fs-accent: #56b4e9;
    --fs-on-accent: #0d1b26;
    --fs-unit-3: #c9c9c9; --fs-unit-4: #c9a25a; --fs-unit-5: #b48fd6; --fs-unit-7: #8fc45e; --fs-output: #e6e9ee;
  }
}
:host([theme=dark]) {
  --fs-background: #14181f; --fs-panel: #1d232c; --fs-text: #e6e9ee; --fs-muted: #a3acb9;
  --fs-line: #3a4350; --fs-accent: #56b4e9;
  --fs-on-accent: #0d1b26;
  /* The units' colours as text: the darkest lightened to read on a dark panel (palette.js). */
  --fs-unit-3: #c9c9c9; --fs-unit-4: #c9a25a; --fs-unit-5: #b48fd6; --fs-unit-7: #8fc45e; --fs-output: #e6e9ee;
}
:host([presenter]) { font-size: 1.3rem; }
* { box-sizing: border-box; }
.fs { position: relative; display: flex; flex-direction: column; gap: 0.7rem; }
.views { display: grid; gap: 0.7rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 290px), 1fr)); align-items: start; }
@container (min-width: 760px) {
  .views.sidebar { grid-template-columns: 270px repeat(auto-fit, minmax(min(100%, 300px), 1fr)); }
}
@container (min-width: 1200px) {
  .views.sidebar { grid-template-columns: 270px repeat(2, minmax(300px, 460px)) minmax(220px, 1fr); }
}
.control-buttons, .control-fields { display: contents; }
@container (max-width: 759px) {
  .views.sidebar .side, .views.sidebar .controls { display: contents; }
  .views.sidebar .control-buttons, .views.sidebar .control-fields { display: block; background: var(--fs-panel); border: 1px solid var(--fs-line); border-radius: 8px; padding: 0.7rem; min-width: 0; }
  .views.sidebar .control-fields { order: 2; display: flex; flex-wrap: wrap; gap: 0 1rem; }
  .views.sidebar .control-fields fieldset { flex: 1 1 240px; }
  .views.sidebar .control-buttons, .views.sidebar .control-fields { grid-column: 1 / -1; }
  .views.sidebar .weights { grid-row: auto; }
  .views.sidebar #loss-panel, .views.sidebar .weights, .views.sidebar .figures { order: 1; }
}
.side { grid-row: span 3; display: grid; gap: 0.7rem; align-content: start; min-width: 0; }
/* The timeline's thin row is one more beside the column: spread the column's height over one more. */
.views:has(> .timeline-panel) > .side { grid-row: span 4; }
/* Each panel its own layout and stacking context: a text that changes every frame (an epoch, a
   loss) repaints its panel, not the whole element (8,8 playing: paint 2.9 → 0.5 ms a frame). */
.panel { background: var(--fs-panel); border: 1px solid var(--fs-line); border-radius: 8px; padding: 0.7rem; min-width: 0; contain: layout; }
.panel h2 { margin: 0 0 0.4rem; font-size: 1.05em; }
.panel h2 small { color: var(--fs-muted); font-weight: normal; }
.caption { color: var(--fs-muted); font-size: 0.85em; margin: 0.4rem 0 0; }
.space-tools { display: flex; flex-wrap: wrap; gap: 0.3rem 0.7rem; align-items: center; font-size: 0.85em; margin: 0 0 0.35rem; }
.space-tools select, .space-tools input[type=text] { font: inherit; }
.space-tools input[type=range] { flex: 1 1 6rem; min-width: 5rem; }
.draw-tools button { font: inherit; padding: 0.15rem 0.45rem; }
.draw-tools button[aria-pressed=true] { background: var(--fs-accent); color: var(--fs-on-accent); border-color: var(--fs-accent); }
.draw-tool-group, .draw-classes { display: inline-flex; gap: 0.2rem; }
.draw-classes .swatch { width: 1.6rem; height: 1.6rem; padding: 0; border-radius: 50%; border: 2px solid var(--fs-panel); box-shadow: 0 0 0 1px var(--fs-line); }
.draw-classes .swatch[aria-pressed=true] { border-color: var(--fs-panel); box-shadow: 0 0 0 2px var(--fs-text); }
.draw-note { flex-basis: 100%; color: var(--fs-muted); }
.draw-note[hidden] { display: none; }
canvas.space.drawing { cursor: crosshair; }
/* Over the panel's foot, not in its flow: pointing at a point moves nothing on the page. Only a
   kept (clicked) point's card takes the pointer, to be scrolled; a hovered one lets it through. */
.point-card { position: absolute; left: 0.7rem; right: 0.7rem; bottom: 0.7rem; z-index: 2; max-height: 45%; overflow: auto; padding: 0.4rem 0.55rem; border: 1px solid var(--fs-line); border-radius: 4px; background: var(--fs-panel); box-shadow: 0 2px 10px rgba(0, 0, 0, 0.25); font-size: 0.8em; display: grid; gap: 0.15rem; pointer-events: none; }
.point-card.kept { pointer-events: auto; cursor: pointer; }
.point-card.top { top: 0.7rem; bottom: auto; }
.point-card[hidden] { display: none; }
.point-card code { font-family: ui-monospace, monospace; white-space: pre-wrap; }
canvas.pickable { cursor: pointer; }
canvas.space:focus-visible { outline: 2px solid var(--fs-accent); outline-offset: 2px; }
canvas { display: block; max-width: 100%; }
canvas.space { width: 100%; aspect-ratio: 440 / 386; touch-action: pan-y; border-radius: 4px; }
canvas.chart { width: 100%; height: 150px; margin-top: 0.35rem; touch-action: pan-y; cursor: crosshair; }
.chart-tools { display: flex; flex-wrap: wrap; gap: 0.3rem 0.7rem; align-items: center; font-size: 0.85em; margin-top: 0.5rem; }
.chart-tools .toggle { display: inline-flex; }
.chart-tools .toggle button { padding: 0.15rem 0.55rem; min-height: 28px; border: 1px solid var(--fs-line); background: var(--fs-panel); cursor: pointer; }
.chart-tools .toggle button:first-child { border-radius: 4px 0 0 4px; }
.chart-tools .toggle button:last-child { border-radius: 0 4px 4px 0; border-left: none; }
.chart-tools .toggle button[aria-pressed=true] { background: var(--fs-accent); border-color: var(--fs-accent); color: var(--fs-on-accent); }
.chart-tools label { display: flex; align-items: center; gap: 0.25rem; }
.readout { min-height: 2.4em; font-variant-numeric: tabular-nums; }
@media (pointer: coarse) { .chart-tools .toggle button { min-height: 40px; } }
canvas.wide { width: 100%; aspect-ratio: 16 / 10; }
canvas.wide.tall { aspect-ratio: 16 / 7; }
/* A lesson step shows its text, controls and result on one screen: the pictures give way. */
.lesson-mode canvas.space, .lesson-mode canvas.wide { max-height: max(220px, calc(100vh - 420px)); }
.lesson-mode .sigmoid canvas.space, .lesson-mode .sigmoid canvas.wide { max-height: max(180px, calc(100vh - 520px)); }
.challenge { margin: 0.4rem 0 0; padding: 0.35rem 0.6rem; border-radius: 4px; border: 1px dashed var(--fs-accent); font-weight: 600; }
.challenge.met { border-style: solid; background: color-mix(in srgb, var(--fs-accent) 14%, transparent); }
canvas.lifted { max-width: 520px; margin: auto; }
canvas:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid var(--fs-accent); outline-offset: 2px; }
.controls.toolbar { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; padding: 0.5rem; }
.controls.toolbar .buttons { margin: 0; }
.controls.toolbar fieldset { margin: 0; }
.controls label { display: flex; justify-content: space-between; align-items: center; gap: 0.4rem; margin: 0.25rem 0; font-size: 0.9em; min-height: 28px; }
.controls input[type=number], .controls select, .controls input[type=text] { width: 8.5rem; min-height: 28px; box-sizing: border-box; font: inherit; font-size: 0.95em; }
.controls input[type=range] { min-width: 6rem; flex: 1; }
.controls fieldset { border: 1px solid var(--fs-line); border-radius: 6px; margin: 0.5rem 0; padding: 0.2rem 0.5rem 0.4rem; }
.controls legend { font-size: 0.8em; color: var(--fs-muted); }
.controls input[type=file] { width: 8.5rem; font-size: 0.75em; }
.invalid { outline: 2px solid #d55e00; }
@media (pointer: coarse) {
  .buttons button, .tabs button, .lesson-head button { min-height: 44px; }
  .controls input, .controls select, .sigmoid input { min-height: 36px; }
}
.buttons { display: flex; gap: 0.4rem; margin-bottom: 0.4rem; flex-wrap: wrap; }
button { font: inherit; color: inherit; white-space: nowrap; background: var(--fs-panel); border: 1px solid var(--fs-line); border-radius: 4px; cursor: pointer; }
.buttons button, .tabs button, .lesson-head button { min-height: 36px; padding: 0.4rem 0.7rem; font-size: 0.95em; border-radius: 6px; border: 1px solid var(--fs-line); background: var(--fs-panel); cursor: pointer; }
.buttons button { flex: 1; }
#play { background: var(--fs-accent); color: var(--fs-on-accent); border-color: var(--fs-accent); }
.with-button { display: flex; gap: 0.3rem; }
.with-button input { width: 5.6rem !important; }
#new-seed { flex: none; min-height: 28px; padding: 0 0.4rem; }
output { font-size: 0.8em; color: var(--fs-muted); text-align: right; }
.speed { flex-wrap: wrap; }
.speed output { flex-basis: 100%; }
.sigmoid output { min-width: 2.6rem; }
.metrics { display: grid; grid-template-columns: auto auto; gap: 0.1rem 0.6rem; margin: 0; font-size: 0.9em; }
.metrics dt { color: var(--fs-muted); }
.metrics dd { margin: 0; font-variant-numeric: tabular-nums; text-align: right; }
.message { grid-column: 1 / -1; padding: 0.5rem 0.8rem; border-radius: 6px; background: #fff4e5; border: 1px solid #d55e00; color: #7a3300; }
.message button { margin-left: 1rem; }
.message.fatal { background: #fde8e8; border-color: #b00020; color: #6b0012; }
.timeline-panel { grid-column: 1 / -1; padding: 0.45rem 0.7rem; }
@container (min-width: 760px) { .views.sidebar .timeline-panel { grid-column: 2 / -1; } }
.timeline-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.7rem; }
.timeline-label { font-size: 0.9em; white-space: nowrap; }
.timeline-label output { display: inline-block; min-width: 6.5em; text-align: left; font-size: 1em; color: var(--fs-text); font-variant-numeric: tabular-nums; }
.timeline-track { flex: 1 1 14rem; min-width: 0; display: flex; flex-direction: column; }
.timeline-track input[type=range] { width: 100%; margin: 0; min-height: 28px; touch-action: pan-y; }
canvas.timeline-ticks { width: 100%; height: 10px; }
.timeline-ends { display: flex; justify-content: space-between; font-size: 10px; line-height: 12px; color: var(--fs-muted); font-variant-numeric: tabular-nums; }
.timeline-row button { min-height: 32px; padding: 0.3rem 0.7rem; border-radius: 6px; border: 1px solid var(--fs-line); background: var(--fs-panel); cursor: pointer; }
.timeline-row button:disabled { cursor: default; opacity: 0.55; }
#timeline-continue:not(:disabled) { background: var(--fs-accent); color: var(--fs-on-accent); border-color: var(--fs-accent); }
@media (pointer: coarse) { .timeline-row button, .timeline-track input[type=range] { min-height: 44px; } }
.layer { margin-bottom: 0.8rem; }
.layer h3 { font-size: 0.9em; margin: 0.2rem 0; }
#weights { overflow-x: auto; min-height: 10rem; }
.weights { grid-row: span 2; }
.layer th { white-space: nowrap; }
.layer table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.85em; }
.layer th, .layer td { padding: 0.1rem 0.45rem; text-align: right; border-bottom: 1px solid var(--fs-line); }
.layer th.unit { border-bottom: 3px solid currentColor; }
.layer .formula { font-family: ui-monospace, monospace; font-size: 0.8em; margin: 0.15rem 0; display: flex; align-items: center; gap: 0.4rem; }
.layer canvas.matrix { width: 100%; max-width: 480px; height: auto; image-rendering: pixelated; border: 1px solid var(--fs-line); }
.layer .formula canvas { width: 36px; height: 36px; border: 2px solid currentColor; border-radius: 3px; }
.lesson { grid-column: 1 / -1; }
.lesson-head { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; }
.lesson-head label { display: flex; align-items: center; gap: 0.4rem; min-width: 0; max-width: 100%; }
/* A set width: the shipped lessons arrive in a chunk beside the wasm, and nothing moves then. */
.lesson-head select { width: 28em; min-width: 0; max-width: 100%; min-height: 32px; font: inherit; }
.lesson h2 { margin: 0.5rem 0 0.2rem; }
.lesson p { margin: 0.2rem 0; max-width: 70rem; }
.export-buttons { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem; margin-top: 0.3rem; }
.export-buttons button { font: inherit; font-size: 0.85em; padding: 0.2rem 0.45rem; border-radius: 4px; border: 1px solid var(--fs-line); background: var(--fs-panel); color: inherit; cursor: pointer; }
.export-buttons select { font: inherit; font-size: 0.85em; padding: 0.1rem 0.2rem; border-radius: 4px; border: 1px solid var(--fs-line); background: var(--fs-panel); color: inherit; width: auto; }
.confusion-panel { overflow-x: auto; }
.confusion { border-collapse: collapse; margin: 0.4rem 0; font-variant-numeric: tabular-nums; }
.confusion th, .confusion td { padding: 0.1rem 0.3rem; border: 1px solid var(--fs-line); text-align: right; font-size: 0.82em; }
.confusion td.diagonal { font-weight: 700; background: color-mix(in srgb, var(--fs-accent) 10%, transparent); }
button:disabled { opacity: 0.45; cursor: default; }
.lesson .try { color: var(--fs-accent); font-style: italic; }
.lesson.active { border-color: var(--fs-accent); }
.figures { grid-column: span 2; }
@media (max-width: 700px) { .figures { grid-column: 1 / -1; } .sigmoid { grid-template-columns: 1fr; } }
.tabs { display: flex; gap: 0.3rem; margin-bottom: 0.5rem; flex-wrap: wrap; }
.tabs button[aria-selected=true] { background: var(--fs-accent); color: var(--fs-on-accent); border-color: var(--fs-accent); }
.sigmoid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr)); gap: 0.6rem; align-items: start; }
.sigmoid label { display: flex; align-items: center; gap: 0.4rem; font-size: 0.85em; min-height: 28px; }
.sigmoid input[type=range] { flex: 1; }
.focus { box-shadow: 0 0 0 3px #e69f00; }
[hidden] { display: none !important; }
.status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.help { position: absolute; inset: 0.6rem; z-index: 2; background: var(--fs-panel); border: 2px solid var(--fs-accent); border-radius: 10px; padding: 1rem 1.4rem; overflow: auto; }
.help kbd { display: inline-block; min-width: 1.6em; text-align: center; border: 1px solid var(--fs-line); border-radius: 4px; padding: 0 0.3em; font-family: ui-monospace, monospace; }
.help dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3rem 1rem; }
.help dd { margin: 0; }
/* network diagram */
.network { position: relative; min-width: 0; }
.network-canvas { width: 100%; touch-action: manipulation; cursor: pointer; border-radius: 4px; }
.network-tip { position: absolute; z-index: 1; pointer-events: none; max-width: 100%; background: var(--fs-panel); color: var(--fs-text); border: 1px solid var(--fs-line); border-radius: 4px; padding: 0.15rem 0.4rem; font-size: 0.8em; font-variant-numeric: tabular-nums; white-space: nowrap; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18); }
.network-edit { position: absolute; z-index: 2; display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; max-width: 100%; background: var(--fs-panel); color: var(--fs-text); border: 2px solid var(--fs-accent); border-radius: 6px; padding: 0.4rem; font-size: 0.85em; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.2); }
.network-edit label { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem; }
.network-edit input { width: 7rem; min-height: 28px; font: inherit; }
.network-edit button { min-height: 28px; padding: 0 0.6rem; border-radius: 4px; border: 1px solid var(--fs-line); background: var(--fs-panel); cursor: pointer; }
.network-edit button[type=submit] { background: var(--fs-accent); border-color: var(--fs-accent); color: var(--fs-on-accent); }
.network-error { flex-basis: 100%; margin: 0; color: #b00020; }
.network-error:empty { display: none; }
@container (min-width: 760px) { .network-panel { grid-column: span 2; } }
@media (pointer: coarse) { .network-edit input, .network-edit button { min-height: 40px; } }
`;

let sheet = null;

// One constructed stylesheet shared by every element (it is read-only after creation).
export function elementStyles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(ELEMENT_CSS);
  }
  return sheet;
}
