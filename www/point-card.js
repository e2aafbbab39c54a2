// The card of one point: its forward pass with its own numbers plugged into each formula
// (z = w1·x1 + w2·x2 + b = …, a = tanh(z) = …, p = σ(z) = …), from the core's `point_card`.
import { setFlag } from './dom-write.js';

/**
 * @typedef {object} Card  what `Playground.point_card(i)` returns
 * @property {number} index
 * @property {'train'|'test'} set
 * @property {[number, number]} x
 * @property {number} label
 * @property {Array<[string, number]>} inputs
 * @property {Array<{activation: string, more: number, units: Array<{unit: number,
 *   terms: Array<[number, number]>, moreTerms: number, b: number, z: number, a: number}>}>} layers
 * @property {number[]} output
 * @property {number} prediction
 * @property {boolean|null} correct
 */

const num = (v) => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001) ? v.toExponential(2) : v.toFixed(3));
const signed = (v, first) => (first ? (v < 0 ? `−${num(-v)}` : num(v)) : `${v < 0 ? '−' : '+'} ${num(Math.abs(v))}`);
const paren = (v) => (v < 0 ? `(${num(v)})` : num(v));
const FN = { tanh: 'tanh', relu: 'relu', leakyrelu: 'leaky', sigmoid: 'σ', linear: '', softmax: 'softmax' };

/** @param {Card} card  @returns {string[]} the card's lines */
export function cardLines(card) {
  const lines = [];
  const names = card.inputs.map(([name]) => name);
  lines.push(`Point ${card.index + 1} (${card.set}) at x1 = ${num(card.x[0])}, x2 = ${num(card.x[1])}, label ${card.label}`);
  if (names.join() !== 'x1,x2') lines.push(`inputs: ${card.inputs.map(([n, v]) => `${n} = ${num(v)}`).join(', ')}`);
  card.layers.forEach((layer, l) => {
    const last = l === card.layers.length - 1;
    const unitName = (j) => (last ? (layer.units.length > 1 || layer.more ? `out${j}` : 'out') : card.layers.length > 2 ? `a${l + 1}.${j + 1}` : `a${j + 1}`);
    for (const u of layer.units) {
      const sum = u.terms.map(([w, a], k) => `${signed(w, k === 0)}·${paren(a)}`).join(' ') +
        (u.moreTerms ? ` + … (${u.moreTerms} more)` : '') + ` ${signed(u.b, false)}`;
      const f = FN[layer.activation];
      const name = unitName(u.unit);
      const act = last && layer.activation === 'linear' ? `${name} = z = ${num(u.a)}`
        : last && layer.activation === 'softmax' ? `p${u.unit} = softmax(z)${u.unit} = ${num(u.a)}`
          : last ? `p = σ(z) = ${num(u.a)}` : `${name} = ${f}(z) = ${num(u.a)}`;
      lines.push(`${last ? 'output' : `layer ${l + 1}`}, ${name}: z = ${sum} = ${num(u.z)}; ${act}`);
    }
    if (layer.more) lines.push(`… and ${layer.more} more units in ${last ? 'the output' : `layer ${l + 1}`}`);
  });
  const verdict = card.correct == null ? `prediction ${num(card.prediction)} (label ${num(card.label)})`
    : `predicted class ${card.prediction}: ${card.correct ? 'right' : 'wrong'}`;
  lines.push(verdict);
  return lines;
}

// Shows the card in `box` (a <div class="point-card">), or hides it for null; `kept`: the point
// was clicked, and its card takes the pointer; `top`: over the panel's top, not its foot.
export function showCard(box, card, kept = false, top = false) {
  if (!box) return;
  setFlag(box, 'hidden', !card);
  if (!card) return;
  for (const [name, on] of [['kept', kept], ['top', top]]) if (box.classList.contains(name) !== on) box.classList.toggle(name, on);
  box.replaceChildren(...cardLines(card).map((text, i) => {
    const line = document.createElement(i === 0 ? 'strong' : 'code');
    line.textContent = text;
    return line;
  }));
}
