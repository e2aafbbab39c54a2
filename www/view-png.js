// A canvas for any view an element shows, for toBlob() and the PNG export. The views drawn on
// one canvas (input, feature, loss, network) give that canvas as it is; the views made of text
// and small canvases (weights, confusion, figures, lesson) are painted onto a new canvas from
// what the browser laid out: backgrounds, borders, every canvas and every word where it is,
// in its own font and colour. Nothing is recomputed: the picture is the view on screen.

const PANELS = {
  input: '#input-panel', feature: '#feature-panel', loss: '#loss-panel', network: '#network-panel',
  weights: '#weights-panel', confusion: '#confusion-panel', figures: '#figures', lesson: '#lesson',
};

/**
 * @param {{canvases: Record<string, HTMLCanvasElement|null>, network: {canvas: HTMLCanvasElement}|null}} views
 * @param {ShadowRoot} root
 * @param {string} name  a view's name
 * @returns {HTMLCanvasElement|null}  null when the element does not show that view
 */
export function viewCanvas(views, root, name) {
  if (typeof name !== 'string' || !Object.hasOwn(PANELS, name)) return null;
  const own = name === 'network' ? views.network?.canvas : views.canvases[name];
  if (own) return own;
  const panel = root.querySelector(PANELS[name]);
  return panel ? paintPanel(panel) : null;
}

const transparent = (colour) => !colour || colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);

// The first opaque background at or above an element (the panel's own, or the page's).
function backgroundOf(el) {
  for (let e = el; e; e = e.parentElement ?? e.getRootNode()?.host) {
    const c = getComputedStyle(e).backgroundColor;
    if (!transparent(c)) return c;
  }
  return '#fff';
}

/** @param {HTMLElement} panel  @returns {HTMLCanvasElement} */
export function paintPanel(panel) {
  const box = panel.getBoundingClientRect();
  const scale = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.width * scale));
  canvas.height = Math.max(1, Math.round(box.height * scale));
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.translate(-box.left, -box.top);
  ctx.fillStyle = backgroundOf(panel);
  ctx.fillRect(box.left, box.top, box.width, box.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.width, box.height);
  ctx.clip();
  paint(ctx, panel, document.createRange());
  ctx.restore();
  return canvas;
}

function paint(ctx, el, range) {
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') return;
  const r = el.getBoundingClientRect();
  if (!transparent(style.backgroundColor)) {
    ctx.fillStyle = style.backgroundColor;
    ctx.fillRect(r.left, r.top, r.width, r.height);
  }
  borders(ctx, style, r);
  if (el instanceof HTMLCanvasElement) {
    if (el.width && el.height && r.width && r.height) ctx.drawImage(el, r.left, r.top, r.width, r.height);
    return;
  }
  if (el instanceof HTMLSelectElement) return text(ctx, style, r, el.selectedOptions[0]?.text ?? '');
  if (el instanceof HTMLInputElement) {
    if (el.type === 'checkbox' || el.type === 'radio') return mark(ctx, style, r, el.checked);
    if (el.type === 'range') return slider(ctx, style, r, el);
    return text(ctx, style, r, el.value);
  }
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) words(ctx, style, child, range);
    else if (child.nodeType === Node.ELEMENT_NODE) paint(ctx, child, range);
  }
}

function borders(ctx, style, r) {
  for (const side of ['Top', 'Bottom', 'Left', 'Right']) {
    const w = parseFloat(style[`border${side}Width`]);
    const colour = style[`border${side}Color`];
    if (!w || style[`border${side}Style`] === 'none' || transparent(colour)) continue;
    ctx.fillStyle = colour;
    if (side === 'Top') ctx.fillRect(r.left, r.top, r.width, w);
    else if (side === 'Bottom') ctx.fillRect(r.left, r.bottom - w, r.width, w);
    else if (side === 'Left') ctx.fillRect(r.left, r.top, w, r.height);
    else ctx.fillRect(r.right - w, r.top, w, r.height);
  }
}

const font = (style) => `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;

// A text node word by word, each where the browser put it (so that wrapped lines stay right).
function words(ctx, style, node, range) {
  const value = node.nodeValue;
  if (!value.trim()) return;
  ctx.font = font(style);
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  for (const m of value.matchAll(/\S+/g)) {
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const rect = range.getClientRects()[0];
    if (rect && rect.width) ctx.fillText(m[0], rect.left, (rect.top + rect.bottom) / 2);
  }
}

function text(ctx, style, r, value) {
  ctx.font = font(style);
  ctx.fillStyle = style.color;
  ctx.textBaseline = 'middle';
  ctx.fillText(value, r.left + (parseFloat(style.paddingLeft) || 0) + 2, (r.top + r.bottom) / 2, r.width);
}

function mark(ctx, style, r, checked) {
  ctx.strokeStyle = style.color;
  ctx.strokeRect(r.left + 1.5, r.top + 1.5, r.width - 3, r.height - 3);
  if (checked) {
    ctx.fillStyle = style.accentColor && style.accentColor !== 'auto' ? style.accentColor : style.color;
    ctx.fillRect(r.left + 4, r.top + 4, r.width - 8, r.height - 8);
  }
}

function slider(ctx, style, r, el) {
  const lo = Number(el.min) || 0, hi = Number(el.max) || 100;
  const t = hi > lo ? (Number(el.value) - lo) / (hi - lo) : 0;
  const y = (r.top + r.bottom) / 2;
  ctx.fillStyle = style.color;
  ctx.globalAlpha = 0.35;
  ctx.fillRect(r.left + 6, y - 1.5, r.width - 12, 3);
  ctx.globalAlpha = 1;
  ctx.beginPath();
  ctx.arc(r.left + 6 + t * (r.width - 12), y, 6, 0, 2 * Math.PI);
  ctx.fill();
}
