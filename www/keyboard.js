// Keys pressed while an element has focus: space plays and pauses; in presenter mode also
// → steps, r resets, 1–9 set the speed and ? shows the list. Keys typed into a field are left
// alone, and nothing is captured while the element does not have focus.

export const SHORTCUTS = [
  ['Space', 'play / pause'],
  ['→', 'one epoch (in a lesson: the next step)'],
  ['←', 'in a lesson: the previous step'],
  ['r', 'reset'],
  ['1 – 9', 'speed, from 1 epoch per frame to as fast as possible'],
  ['?', 'show or hide this list'],
];

const typing = (target) => /INPUT|SELECT|TEXTAREA/.test(target?.tagName ?? '') || target?.isContentEditable;

/**
 * @param {KeyboardEvent} e
 * @param {object} actions  {toggle, step, reset, speed(i), help(), lessonKey(e), presenter,
 *   allowed(control)}: a key whose control a lesson step leaves out does nothing
 * @returns {boolean} whether the key was used
 */
export function handleKey(e, actions) {
  const target = e.composedPath?.()[0] ?? e.target;
  if (typing(target) || e.altKey || e.ctrlKey || e.metaKey) return false;
  const allowed = actions.allowed ?? (() => true);
  if (e.key === ' ' && target?.tagName !== 'BUTTON') {
    if (!allowed('play')) return false;
    actions.toggle();
    return true;
  }
  if (actions.lessonKey({ key: e.key, target })) return true;
  if (!actions.presenter) return false;
  if (e.key === 'ArrowRight' && allowed('step')) actions.step();
  else if ((e.key === 'r' || e.key === 'R') && allowed('reset')) actions.reset();
  else if (/^[1-9]$/.test(e.key) && allowed('speed')) actions.speed(Number(e.key) - 1 + (e.key === '9' ? 1 : 0));
  else if (e.key === '?') actions.help();
  else return false;
  return true;
}

// The shortcut list as a dialog over the element.
export function helpOverlay(onClose) {
  const box = document.createElement('div');
  box.className = 'help';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'Keyboard shortcuts');
  const h = document.createElement('h2');
  h.textContent = 'Keyboard shortcuts';
  const list = document.createElement('dl');
  for (const [key, what] of SHORTCUTS) {
    const dt = document.createElement('dt');
    const kbd = document.createElement('kbd');
    kbd.textContent = key;
    dt.append(kbd);
    const dd = document.createElement('dd');
    dd.textContent = what;
    list.append(dt, dd);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close (?)';
  close.addEventListener('click', onClose);
  box.append(h, list, close);
  return box;
}
