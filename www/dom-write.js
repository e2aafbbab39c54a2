// Writes to the DOM only what differs. The views write their texts and states every frame,
// and an equal write still costs: the text node is replaced or the attribute set again, and
// the browser recomputes style and layout for it.

/** @param {Element} el @param {string} text */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** @param {Element} el @param {string} name @param {string} value */
export function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** A boolean property such as `hidden` or `disabled`. @param {HTMLElement} el @param {string} name @param {boolean} on */
export function setFlag(el, name, on) {
  if (el[name] !== on) el[name] = on;
}
