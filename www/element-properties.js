// The element's properties: one per config key with the key's own name (reads the live config,
// writes change it, as the attribute does), and its own attributes mirrored both ways.
import { SCHEMA } from './keys.js';
import { kebab } from './controls.js';

export function defineProperties(Element) {
  const define = (name, get, set) => Object.defineProperty(Element.prototype, name, { get, set, configurable: true, enumerable: true });
  for (const spec of SCHEMA) {
    // Before the core loads, the attribute's text (or undefined).
    define(spec.key,
      function get() { return this.run ? this.run.config()[spec.key] : this.getAttribute(kebab(spec.key)) ?? undefined; },
      function set(value) { this.setConfig({ [spec.key]: value }); });
  }
  for (const name of ['views', 'controls', 'loading', 'autoplay', 'speed', 'theme', 'space', 'axes', 'compare']) {
    define(name,
      function get() { return this.getAttribute(name); },
      function set(value) { if (value == null) this.removeAttribute(name); else this.setAttribute(name, String(value)); });
  }
  define('regions',
    function get() { return this.hasAttribute('regions'); },
    function set(on) { this.toggleAttribute('regions', Boolean(on)); });
  define('presenter',
    function get() { return this.hasAttribute('presenter'); },
    function set(on) { this.toggleAttribute('presenter', Boolean(on)); });
}
