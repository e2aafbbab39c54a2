// The lesson panel — a chooser, the step's words, previous/next buttons, the arrow keys, and a
// challenge's live indicator. Steps are addressable as #lesson=ID&step=N. The lessons themselves
// (shipped and an author's) are in lesson-catalog.js, a chunk loaded beside the wasm.
import { partLoaded } from './on-demand.js';
import { setText } from './dom-write.js';

export class LessonPanel {
  /**
   * @param {HTMLElement} root  the #lesson section
   * @param {() => Array<{id: string, title: string}>} lessons  every lesson it offers
   * @param {{open: (id: string, step: number) => boolean|Promise<boolean>, close: () => void}} actions
   */
  constructor(root, lessons, actions) {
    this.root = root;
    this.lessons = lessons;
    this.actions = actions;
    const $ = (id) => root.querySelector(`#${id}`);
    this.select = $('lesson-select');
    this.select.addEventListener('change', () => (this.select.value ? this.go(this.select.value, 1) : actions.close()));
    this.prev = $('lesson-prev');
    this.next = $('lesson-next');
    this.prev.addEventListener('click', () => this.move(-1));
    this.next.addEventListener('click', () => this.move(1));
    this.title = $('lesson-title');
    this.text = $('lesson-text');
    this.tryThis = $('lesson-try');
    this.progress = $('lesson-progress');
    this.body = $('lesson-body');
    this.challenge = $('challenge');
    this.fill();
    this.show(null, 0);
  }

  // The chooser's options: every lesson offered now.
  fill() {
    const options = [new Option('— free play —', ''), ...this.lessons().map((l) => new Option(l.title, l.id))];
    this.select.replaceChildren(...options);
  }

  // The arrow keys move between steps (the element passes on keys pressed while it has focus);
  // true when the key was used.
  handleKey(e) {
    if (!this.lesson || /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) return false;
    if (e.key === 'ArrowRight') this.move(1);
    else if (e.key === 'ArrowLeft') this.move(-1);
    else return false;
    return true;
  }

  move(delta) {
    if (!this.lesson) return;
    const step = Math.max(1, Math.min(this.lesson.steps.length, this.step + delta));
    if (step !== this.step) this.go(this.lesson.id, step);
  }

  // Opens a lesson at a step (1-based), as el.lesson(id, step) does.
  go(id, step) {
    return this.actions.open(id, step);
  }

  // Shows a step's words (lesson null: the panel at rest).
  show(lesson, step) {
    this.lesson = lesson;
    this.step = step;
    this.root.classList.toggle('active', Boolean(lesson));
    this.body.hidden = !lesson;
    this.verdict = null;
    if (!lesson) {
      this.select.value = '';
      this.prev.disabled = this.next.disabled = true;
      this.progress.textContent = '';
      this.challenge.hidden = true;
      return;
    }
    const s = lesson.steps[step - 1];
    if (![...this.select.options].some((o) => o.value === lesson.id)) this.fill();
    this.select.value = lesson.id;
    this.title.textContent = `${step}. ${s.title}`;
    this.text.textContent = s.text;
    this.tryThis.textContent = s.try ? `Try this: ${s.try}` : '';
    this.tryThis.hidden = !s.try;
    this.progress.textContent = `Step ${step} of ${lesson.steps.length}`;
    this.prev.disabled = step === 1;
    this.next.disabled = step === lesson.steps.length;
    this.challenge.hidden = !s.check;
    if (s.check) this.challenge.dataset.goal = s.check.goal;
  }

  // After each frame: a challenge's indicator says how far the run is; returns the verdict.
  update(state, config) {
    const check = this.lesson?.steps[this.step - 1]?.check;
    // A step with a check was read by the lessons' chunk, so it has arrived.
    const { judge, describe } = partLoaded('lessons') ?? {};
    if (!check || !judge) return null;
    const verdict = judge(check, state, config);
    const text = `${check.goal} — ${describe(check, verdict)}`;
    setText(this.challenge, text);
    this.challenge.classList.toggle('met', verdict.met);
    return verdict;
  }
}
