// <feature-space>: one neural-network playground as an element. Every element owns its core
// Playground (a Rust object in the page's one wasm instance), its canvases and its state in its
// shadow root; one shared scheduler trains and draws the ones on screen. Config keys are
// attributes (kebab-case) and properties (the key's own name); `views` and `controls` are
// allow-lists of what shows.
import { SCHEMA } from './keys.js';
import { loadCore } from './core.js';
import { Playground, SPEEDS } from './playground.js';
import { join, leave } from './scheduler.js';
import { Views } from './views.js';
import { allowToolbars } from './space-tools.js';
import { Controls, kebab, parseControls } from './controls.js';
import { parseViews, placeControls, shellMarkup } from './panels.js';
import { LessonPanel } from './lessons.js';
import { elementStyles } from './element-style.js';
import { CLASS, themeClasses } from './palette.js';
import { handleKey, helpOverlay } from './keyboard.js';
import { tabVisible, watch } from './visibility.js';
import { Notices } from './notices.js';
import { defineProperties } from './element-properties.js';
import { ElementLessons } from './element-lessons.js';
import { configQuery, excerpt, inlineConfig } from './config-input.js';
import { SPACE_KEYS, applySpace, spaceActions } from './space-settings.js';
import { download } from './exports.js';
import { FeatureSpaceApi } from './element-api.js';
import { DrawTools } from './draw-tools.js';
import { VIEW_PARTS, part } from './on-demand.js';

// Starts queued by elements: the first at once, then one per animation frame.
const starts = [];
let starting = false;
function inTurn(start) {
  return new Promise((resolve, reject) => {
    starts.push(() => { try { resolve(start()); } catch (error) { reject(error); } });
    if (!starting) next();
  });
  function next() {
    starting = starts.length > 0;
    if (!starting) return;
    starts.shift()();
    requestAnimationFrame(next);
  }
}

const KEY_OF_ATTRIBUTE = new Map(SCHEMA.map((s) => [kebab(s.key), s.key]));
const OWN_ATTRIBUTES = ['views', 'controls', 'loading', 'autoplay', 'presenter', 'speed', 'lesson', 'compare', ...SPACE_KEYS];
const DEFAULT_VIEWS = 'input feature weights loss';

export class FeatureSpaceElement extends FeatureSpaceApi {
  static observedAttributes = [...KEY_OF_ATTRIBUTE.keys(), ...OWN_ATTRIBUTES];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [elementStyles()];
    this.run = null; // the Playground, once the core has loaded
    this.pending = []; // config queries set before the core loaded
    this.lessonState = new ElementLessons(this);
    this.layout = null; // a lesson step's views and controls, over the attributes
    this.modelShown = true; // false in a lesson's data-only steps
    this.onScreen = false;
    this.ready = new Promise((resolve, reject) => { this.resolveReady = resolve; this.rejectReady = reject; });
    this.ready.catch(() => {}); // a failure is reported as fs-error; awaiting it is optional
    this.member = {
      // On screen in a visible tab, or with stepAsync epochs to train.
      active: () => Boolean(this.run) && this.isConnected && ((this.onScreen && tabVisible()) || Boolean(this.run.job) || Boolean(this.compareLink?.keepsActive(this))),
      flatOut: () => this.run.flatOut(),
      // A compared element ahead of its partner waits a frame (see compare.js).
      train: (budget, frameMs) => { if (!this.compareLink?.holds(this)) this.run.train(budget, frameMs); },
      dirty: () => this.run.due(),
      draw: () => this.run.draw(),
      fail: (error) => this.crashed(error),
    };
  }

  connectedCallback() {
    clearTimeout(this.freeTimer);
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    if (!this.hasAttribute('role')) this.setAttribute('role', 'group');
    if (!this.hasAttribute('aria-label')) this.setAttribute('aria-label', 'Feature Space: a neural network playground');
    // An eager element asks for the wasm and its views' code before building its shell, so
    // that they download and compile meanwhile.
    if (this.getAttribute('loading') === 'eager') this.boot();
    if (!this.built) this.build();
    this.addEventListener('keydown', this.onKey ??= (e) => this.key(e));
    document.addEventListener('visibilitychange', this.onTab ??= () => this.visibility());
    this.unwatch = watch(this, {
      near: () => this.boot(),
      seen: (onScreen) => { this.onScreen = onScreen; this.visibility(); },
    });
    join(this.member);
  }

  disconnectedCallback() {
    this.unwatch?.();
    leave(this.member);
    document.removeEventListener('visibilitychange', this.onTab);
    // Moving the element in the DOM disconnects and reconnects it at once: free only if it
    // stays out.
    this.freeTimer = setTimeout(() => {
      if (this.isConnected) return;
      this.compareLink?.unlink();
      this.viewSet?.destroy();
      this.run?.destroy();
      this.run = null;
      this.booting = null;
    }, 10);
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.run) return;
    const key = KEY_OF_ATTRIBUTE.get(name);
    // A removed attribute goes back to the key's default.
    if (key) this.report(this.run.setQuery(configQuery({ [key]: value ?? SCHEMA.find((s) => s.key === key).default })), 'Not applied');
    else if (name === 'views' || name === 'controls') this.build();
    else if (name === 'presenter') this.build();
    else if (name === 'speed') this.applySpeed();
    else if (name === 'autoplay') this.visibility();
    else if (SPACE_KEYS.includes(name)) this.applySpace();
    else if (name === 'lesson') this.lessonState.openAttribute();
    else if (name === 'compare') this.linkCompare();
  }

  // The `compare` link to another element (see compare.js, loaded on first use: a lazy chunk).
  // An old link ends at once, as the attribute changes.
  linkCompare() {
    this.compareLink?.unlink();
    import('./compare.js').then(({ connect }) => connect(this)).catch((error) => this.report([{ key: 'compare', message: String(error?.message ?? error) }], 'Not linked'));
  }

  // The config keys set as attributes: {key: text}.
  configAttributes() {
    return Object.fromEntries([...KEY_OF_ATTRIBUTE].filter(([attr]) => this.hasAttribute(attr)).map(([attr, key]) => [key, this.getAttribute(attr)]));
  }

  // The feature view's layer and axes and the views' extras, from the attributes.
  applySpace() {
    if (!this.run) return;
    this.report(this.guard(() => applySpace(this)), 'Not applied');
    this.emit('fs-space', { space: this.getAttribute('space') ?? 'last', axes: this.getAttribute('axes') ?? 'auto', regions: this.hasAttribute('regions') });
  }

  // --- loading ---

  // Loads the core (once per page) and starts this element's run: one element per animation
  // frame, so that the first one trains and draws while the others are still starting. Beside
  // the wasm come the code of the views shown and the lessons when the element opens with one:
  // the first frame waits for them. Once the wasm has come, the Python export is asked for (it
  // downloads while the first frame is made); `ready` waits for it (exportPython() answers at
  // once). A part that failed is reported, and asked for again when used.
  boot() {
    if (this.booting) return this.booting;
    const core = loadCore();
    const names = this.viewNames();
    const views = Promise.allSettled(names.filter((n) => VIEW_PARTS.includes(n)).map((n) => part(n)));
    const lessonFirst = this.hasAttribute('lesson') || Boolean(this.querySelector(':scope > script[type="application/json"]'));
    const lessons = lessonFirst ? Promise.allSettled([part('lessons')]) : null;
    let after = null;
    this.booting = Promise.all([core, views, lessons]).then(([loaded]) => loaded)
      .then((loaded) => { after = Promise.allSettled([part('python')]); return inTurn(() => this.start(loaded)); })
      .then(() => after)
      .then((results) => this.started(results), (error) => this.failedToLoad(error));
    return this.booting;
  }

  start(core) {
    if (this.run) return;
    this.core = core;
    const inline = inlineConfig(this);
    const attributes = [...KEY_OF_ATTRIBUTE].filter(([attr]) => this.hasAttribute(attr)).map(([attr, key]) => [key, this.getAttribute(attr)]);
    const query = [inline.query, configQuery(Object.fromEntries(attributes)), ...this.pending].filter(Boolean).join('&');
    this.pending = [];
    this.run = new Playground(core, this.host(), query);
    this.build();
    this.report([...inline.errors, ...this.run.startErrors], 'Settings that were not used (their defaults are)');
    if (SPACE_KEYS.some((k) => this.hasAttribute(k))) this.applySpace();
    if (inline.lesson) this.lesson(inline.lesson, 1);
    else if (this.getAttribute('lesson')) this.lessonState.openAttribute();
    this.run.draw(); // the first frame as soon as the element is ready
    this.applySpeed();
    this.visibility();
  }

  // Ready: the run has started and the parts beside the wasm have come (or failed: said so).
  started(parts) {
    if (!this.run) return; // taken out of the page meanwhile: a new boot readies it
    const failed = parts.filter((p) => p.status === 'rejected').map((p) => ({ key: 'load', message: p.reason.message }));
    this.report(failed, 'Not loaded');
    this.emit('fs-ready');
    this.resolveReady(this);
    if (this.hasAttribute('compare')) this.linkCompare();
  }

  failedToLoad(error) {
    const message = `Feature Space could not start: ${error?.message ?? error}`;
    this.notices?.show(message, { fatal: false });
    this.emit('fs-error', { key: 'wasm', message });
    this.rejectReady(error);
  }

  // The views shown: a lesson step's, else the attribute's.
  viewNames() {
    return parseViews(this.layout?.views ?? this.getAttribute('views') ?? DEFAULT_VIEWS).views;
  }

  // The panels, views and controls for the `views` and `controls` attributes.
  build() {
    this.built = true;
    const views = parseViews(this.layout?.views ?? this.getAttribute('views') ?? DEFAULT_VIEWS);
    const controls = parseControls(this.layout?.controls ?? this.getAttribute('controls') ?? 'all');
    this.controlNames = controls.names;
    this.shown = { views: views.views.join(' '), controls: this.getAttribute('controls') ?? 'all' };
    this.viewSet?.destroy();
    const root = this.shadowRoot;
    const unknown = [...views.unknown.map((n) => ({ key: 'views', message: `'${excerpt(n)}' is not a view` })),
      ...controls.unknown.map((n) => ({ key: 'controls', message: `'${excerpt(n)}' is not a control` }))].slice(0, 10);
    // The shell built before the core came (styled and laid out meanwhile) serves the run's
    // first build as it is when nothing it shows has changed since: its controls wake up.
    const shell = `${this.shown.views}|${controls.names.join(' ')}|${Boolean(this.layout)}`;
    const reuse = Boolean(this.run) && this.idleShell === shell;
    this.idleShell = this.run ? null : shell;
    if (reuse) {
      this.controlPanel.setEnabled(true);
    } else {
      root.innerHTML = shellMarkup(views.views);
      root.querySelector('.fs').classList.toggle('lesson-mode', Boolean(this.layout));
      this.notices = new Notices(root, () => this.run && this.reset());
      const panel = root.querySelector('.controls');
      this.controlPanel = new Controls(panel, controls.names, this.actions());
      placeControls(root, panel, this.controlPanel);
      allowToolbars(root, controls.names);
    }
    if (!this.run) {
      // Before the core arrives the layout is already final (nothing jumps), its controls idle.
      this.controlPanel.setConfig(Object.fromEntries(SCHEMA.map((s) => [s.key, s.default])));
      this.controlPanel.setEnabled(false);
      this.report(unknown, 'Not shown');
      return;
    }
    // The theme's class colours, read when the element is built (before the views' canvases
    // change the layout, so that reading the style costs no extra pass).
    const theme = themeClasses(this);
    this.classes = theme?.colours ?? CLASS;
    if (theme) this.run.setClassColours(theme.rgb);
    this.viewSet = new Views(root, views.views, this.viewHost(), this.core.memory);
    const thick = this.hasAttribute('presenter') ? 1.8 : 1;
    for (const view of [this.viewSet.input, this.viewSet.feature]) if (view) view.plot.thick = thick;
    const lessons = this.lessonState;
    this.lessons = views.views.includes('lesson')
      ? new LessonPanel(root.querySelector('#lesson'), () => lessons.all(), { open: (id, n) => lessons.open(id, n), close: () => lessons.close() }) : null;
    if (lessons.current) this.lessons?.show(lessons.current.lesson, lessons.current.step);
    this.viewSet.tools.show(spaceActions(this).settings());
    const drawBar = root.querySelector('.draw-tools');
    this.drawTools = drawBar && this.viewSet.input ? new DrawTools(drawBar, this.viewSet.input, this.drawHost()) : null;
    this.controlPanel.setConfig(this.run.config());
    this.controlPanel.setPlaying(this.run.playing);
    this.controlPanel.setSpeed(this.run.speed);
    if (!reuse) this.report(unknown, 'Not shown'); // a reused shell says it already
    this.compareLink?.decorate(this);
    this.run.dirty = true;
  }

  // What the run needs from the element.
  host() {
    return {
      paint: (frame) => {
        this.viewSet.draw(frame);
        // A frame of a scrubbed epoch (see timeline-run.js) says nothing of the live run.
        if (frame.timeline.scrub != null) return;
        this.notices.announce(frame.state);
        this.lessonState.judge(frame);
      },
      canPaint: () => Boolean(this.viewSet && this.run),
      wants: () => (this.compareLink?.readOverlay(this), {
        spaces: { input: true, feature: true },
        ...(this.viewSet?.plan(Boolean(this.run?.playing || this.run?.job), this.run?.pace?.epochWork, this.run?.core?.view_pending()) ?? {}),
        show: { ...(this.controlPanel?.show() ?? { heatmap: true, test: true }), model: this.modelShown },
        inputs: this.viewSet?.wantsInputs() ?? false,
        classes: this.classes ?? CLASS,
      }),
      configured: (config, query) => { this.controlPanel?.setConfig(config); if (this.run) this.drawTools?.refresh(); this.emit('fs-config', { config, query }); this.compareLink?.configured(this, config); },
      emit: (type, detail) => {
        if (type === 'fs-play' || type === 'fs-pause') this.controlPanel?.setPlaying(type === 'fs-play');
        if (type === 'fs-error') this.notices.show(`${detail.key}: ${detail.message}`, {
          fatal: detail.key === 'core',
          actions: detail.key === 'training' ? [{ label: 'Back to the last finite weights', run: () => this.guard(() => this.run.restoreFinite()) }] : [],
        });
        this.emit(type, detail);
        this.compareLink?.heard(this, type);
      },
      report: (errors, title) => this.report(errors, title),
      notify: (text, title = 'notice') => this.notices.show(text, { title }),
    };
  }

  // What the views may ask of the element: a redraw, an edit of the model, words for the reader.
  viewHost() {
    return {
      redraw: () => { if (this.run) this.run.dirty = true; },
      // Also when a view's code came after the frame that needed it: that frame is completed at
      // once, even out of view (where an element does not redraw by itself), never half drawn.
      drawNow: () => this.run?.draw(true),
      edit: (change) => (this.run ? this.run.edit(change) : 'not started yet'),
      notify: (text) => this.notices.show(text, { title: 'notice' }),
      card: (index) => this.run?.core.point_card(index) ?? null,
      pointed: (index) => { this.highlighted = index; this.emit('fs-point', { index }); },
      space: spaceActions(this),
      scrub: (epoch) => this.scrub(epoch),
      continueFrom: (epoch) => {
        try {
          this.continueFrom(epoch);
        } catch (e) {
          this.report([{ key: 'timeline', message: e.message }], 'Not continued');
        }
      },
    };
  }

  // What the drawing tools ask of the element (www/draw-tools.js).
  drawHost() {
    return {
      core: () => (this.run && !this.run.broken ? this.run.core : null),
      edit: (change) => this.guard(() => this.run.editData(change)),
      classes: () => this.classes ?? CLASS,
      redrawNow: () => this.run?.draw(true),
      report: (errors, title) => this.report(errors, title),
      // Undo brought points back: the message that they were replaced no longer holds.
      undone: () => this.notices.hide('replaced'),
    };
  }

  actions() {
    return {
      play: () => this.play(), pause: () => this.pause(), step: (n) => this.step(n), reset: () => this.reset(),
      stepSample: () => this.stepSample(this.viewSet?.selected < this.run?.core.train_len() ? this.viewSet.selected : null),
      stepBatch: () => this.stepBatch(),
      fit: () => this.fit(), setConfig: (p) => this.setConfig(p), loadCsv: (t) => this.loadCsv(t),
      newSeed: () => this.setConfig({ seed: this.core.glue.Playground.random_seed() }),
      exportCsv: () => download(this.exportCsv(), 'feature-space-data.csv', 'text/csv'),
      exportWeights: () => download(this.exportWeights(), 'feature-space-weights.json', 'application/json'),
      exportPython: () => part('python').then(() => download(this.exportPython(), 'feature_space.py', 'text/x-python'))
        .catch((e) => this.notices.show(`The script was not made: ${e.message}`, { title: 'notice' })),
      exportPng: (view) => this.toBlob({ view }).then((blob) => download(blob, `feature-space-${view}.png`, 'image/png'), (e) => this.notices.show(e.message, { title: 'notice' })),
      shownViews: () => (this.shown?.views ?? '').split(' ').filter(Boolean),
      setSpeed: (i) => this.setSpeed(i), redraw: () => { this.run.dirty = true; }, playing: () => this.playing,
    };
  }

  // --- visibility, speed, keys ---

  visibility() {
    if (!this.run) return;
    const visible = this.onScreen && tabVisible();
    // Off screen an element costs nothing: its worker run comes back and stops.
    if (!visible) this.guard(() => this.run.stopWorker());
    if (this.getAttribute('autoplay') === 'visible') visible ? this.play() : this.pause();
  }

  applySpeed() {
    const value = this.getAttribute('speed');
    if (value == null || !this.run) return;
    const index = value === 'max' ? SPEEDS.length - 1 : SPEEDS.indexOf(Number(value));
    if (index < 0) this.report([{ key: 'speed', message: `'${excerpt(value)}' is not one of ${SPEEDS.slice(0, -1).join(', ')} or max` }], 'Not applied');
    else this.setSpeed(index);
  }

  setSpeed(index) {
    this.run.setSpeed(index);
    this.controlPanel?.setSpeed(this.run.speed);
    this.compareLink?.mirror(this, 'setSpeed', index);
  }

  key(e) {
    if (!this.run) return;
    const used = handleKey(e, {
      presenter: this.hasAttribute('presenter'),
      toggle: () => (this.playing ? this.pause() : this.play()),
      step: () => this.step(1),
      reset: () => this.reset(),
      speed: (i) => this.setSpeed(i),
      help: () => this.toggleHelp(),
      lessonKey: (k) => this.lessons?.handleKey(k) ?? false,
      // In a lesson step, keys follow the step's controls (a challenge may forbid training).
      allowed: (control) => !this.layout || this.controlNames.includes(control),
    });
    if (used) e.preventDefault();
  }

  toggleHelp() {
    const open = this.shadowRoot.querySelector('.help');
    if (open) open.remove();
    else this.shadowRoot.querySelector('.fs').append(helpOverlay(() => this.toggleHelp()));
  }

}

defineProperties(FeatureSpaceElement);

if (!customElements.get('feature-space')) customElements.define('feature-space', FeatureSpaceElement);
