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

  // Shows `text`; `title` names the kind of message, so that a later success can clear it.
  show(text, { fatal = false, title = '' } = {}) {
    const box = this.box;
    box.dataset.title = title;
    box.classList.toggle('fatal', fatal);
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = fatal ? 'Reset' : 'Dismiss';
    close.addEventListener('click', () => {
      box.hidden = true;
      if (fatal) this.onReset();
    });
    box.replaceChildren(text, close);
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
