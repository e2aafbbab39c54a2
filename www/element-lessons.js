// An element's lessons: opening one by id, by the URL of a JSON file, or from a document (an
// author's inline <script type="application/json"> child with steps, or the `lesson`
// attribute); the step's layout; and closing. Bad documents are named with their step and field.
// The lessons' code and data are a chunk (lesson-catalog.js): loaded beside the wasm by an
// element that opens with a lesson, else on the first lesson opened; until then the shipped
// lessons are their ids and titles (lesson-index.js), for the chooser.
import { LESSON_INDEX } from './lesson-index.js';
import { part, partLoaded } from './on-demand.js';
import { excerpt } from './config-input.js';

// A lesson reference that is a file to fetch rather than an id: a .json file or a web address
// (other text is taken for an id, and never fetched).
export const isLessonUrl = (ref) => typeof ref === 'string' && (/\.json(?:$|[?#])/i.test(ref) || /^https?:\/\//i.test(ref));

export class ElementLessons {
  constructor(element) {
    this.element = element;
    this.loaded = []; // lessons an author added, newest last
    this.current = null; // {lesson, step, source}
  }

  // Every lesson offered: the shipped ones (only {id, title} until their chunk has come) and
  // the ones an author added.
  all() {
    return [...(partLoaded('lessons')?.LESSONS ?? LESSON_INDEX), ...this.loaded];
  }

  // Adds a checked lesson document; returns it, or null after reporting its errors.
  add(doc, source) {
    const { lesson, errors } = partLoaded('lessons').readLesson(doc, source);
    if (!lesson) {
      this.element.report(errors, 'The lesson was not loaded');
      return null;
    }
    this.loaded = [...this.loaded.filter((l) => l.id !== lesson.id), lesson];
    this.element.lessons?.fill();
    return lesson;
  }

  /**
   * Opens a lesson: an id, a URL (fetched; a promise of whether it opened) or a document; a
   * promise too while the lessons' chunk loads.
   * @returns {boolean|Promise<boolean>}
   */
  open(ref, step = 1) {
    if (!partLoaded('lessons')) {
      return part('lessons').then(() => this.open(ref, step), (error) => {
        this.element.report([{ key: 'lesson', message: error.message }], 'The lesson was not opened');
        return false;
      });
    }
    if (ref && typeof ref === 'object') {
      const lesson = this.add(ref, 'the lesson');
      return lesson ? this.go(lesson, step) : false;
    }
    const known = this.all().find((l) => l.id === ref || l.url === ref);
    if (known) return this.go(known, step);
    if (typeof ref === 'string' && isLessonUrl(ref)) return this.fetch(ref, step);
    return false;
  }

  async fetch(url, step) {
    let doc;
    try {
      const response = await fetch(new URL(url, document.baseURI));
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      doc = JSON.parse(await response.text());
    } catch (error) {
      this.element.report([{ key: 'lesson', message: `${excerpt(url)} could not be read: ${error.message}` }], 'The lesson was not loaded');
      return false;
    }
    const lesson = this.add(doc, url);
    if (!lesson) return false;
    lesson.url = url;
    return this.go(lesson, step);
  }

  // Shows step `step` (1-based) of a lesson: its layout (rebuilding the element when the views
  // or controls differ), then its settings.
  go(lesson, step) {
    const el = this.element;
    const { applyLessonStep, stepLayout } = partLoaded('lessons');
    const n = Math.max(1, Math.min(lesson.steps.length, Math.floor(step) || 1));
    const s = lesson.steps[n - 1];
    this.current = { lesson, step: n };
    const layout = stepLayout(s);
    if (!el.layout || el.layout.views !== layout.views || el.layout.controls !== layout.controls || !el.lessons) {
      el.layout = layout;
      el.build();
    }
    el.lessons?.show(lesson, n);
    const errors = el.guard(() => applyLessonStep(el, s));
    el.report(errors.map((e) => ({ key: 'lesson', message: `step ${n}, field config.${e.key}: ${e.message}` })), 'The lesson step was not applied in full');
    el.emit('fs-lesson', { lesson: lesson.id, step: n, url: lesson.url ?? null });
    return true;
  }

  // The `lesson` attribute: a lesson's id or the URL of its JSON file (empty: none).
  openAttribute() {
    const el = this.element;
    const ref = el.getAttribute('lesson');
    if (!ref) return el.lesson(null);
    Promise.resolve(el.lesson(ref, 1)).then((ok) => {
      if (!ok && !isLessonUrl(ref)) el.report([{ key: 'lesson', message: `'${excerpt(ref)}' is not a lesson; there are ${this.all().map((l) => l.id).join(', ')}` }], 'Not applied');
    });
  }

  // A challenge step's indicator, after each frame; fs-challenge when its check starts or
  // stops holding.
  judge(frame) {
    const verdict = this.element.lessons?.update(frame.state, frame.config);
    const met = verdict?.met ?? null;
    if (met !== this.met && verdict) this.element.emit('fs-challenge', { met, value: verdict.value, broken: verdict.broken });
    this.met = met;
  }

  // Back to free play with the element's own views and controls.
  close() {
    const el = this.element;
    const was = this.current;
    this.current = null;
    el.modelShown = true;
    for (const node of el.shadowRoot.querySelectorAll('.focus')) node.classList.remove('focus');
    if (el.layout) {
      el.layout = null;
      el.build();
    }
    el.lessons?.show(null, 0);
    return Boolean(was);
  }
}
