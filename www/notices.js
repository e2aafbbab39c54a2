// What an element tells its reader in words: a message box for errors (a crash offers Reset)
// and a polite live region that says the epoch and loss at most every two seconds.
const STATUS_MS = 2000;

export class Notices {
  /**
   * @param {ShadowRoot} root  holds #message and .status
   * @param {() => void} onReset  what the Reset button of a crash message does
   */
  constructor(root, onReset) {
    this.box = root.querySelector('#message');
    this.status = root.querySelector('.status');
    this.onReset = onReset;
    this.announced = -Infinity;
  }

  // Shows `text`; `title` names the kind of message, so that a later success can clear it;
  // `actions` are more buttons ({label, run}), each of which also closes the message.
  show(text, { fatal = false, title = '', actions = [] } = {}) {
    const box = this.box;
    box.dataset.title = title;
    box.classList.toggle('fatal', fatal);
    const button = (label, run) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.addEventListener('click', () => {
        box.hidden = true;
        run?.();
      });
      return b;
    };
    const close = fatal ? button('Reset', this.onReset) : button('Dismiss');
    box.replaceChildren(text, ...actions.map((a) => button(a.label, a.run)), close);
    box.hidden = false;
  }

  // Hides the message (only one of this title, when given).
  hide(title = null) {
    if (title === null || this.box.dataset.title === title) this.box.hidden = true;
  }

  announce(state) {
    const now = performance.now();
    if (now - this.announced < STATUS_MS) return;
    this.announced = now;
    const acc = state.train.accuracy != null ? `, training accuracy ${(100 * state.train.accuracy).toFixed(1)}%` : '';
    this.status.textContent = `Epoch ${state.epoch}, training loss ${state.train.loss?.toFixed(4)}${acc}`;
  }
}
