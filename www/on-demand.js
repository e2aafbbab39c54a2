// The parts of the element that its first frame does not need, as dynamic imports: the page
// bundle makes each a chunk fetched when first asked for (the single-file builds inline them, as
// they do compare.js). One promise per part, shared by every element; a failed load is
// forgotten, so that the next use tries again, and its error goes to whoever asked.
// - `lessons`: the shipped lessons, their format and the challenges' checks, on the first lesson
//   opened (beside the wasm for an element that opens with one);
// - `python`: the Python export's script writer, once the wasm has come (`ready` waits for
//   it: exportPython() is synchronous);
// - `png`: a PNG of a view (toBlob), on the first export;
// - `arrows`: the arrows of a sample or minibatch step, on the first such step;
// - `space3d`: a space view with three axes, on its first frame;
// - the views beside the space views (`weights`, `confusion`, `network`, `timeline`,
//   `figures`): beside the wasm when the element shows them, else when a layout first does.
const IMPORTS = {
  lessons: () => import('./lesson-catalog.js'),
  python: () => import('./python-export.js'),
  png: () => import('./view-png.js'),
  arrows: () => import('./update-arrows.js'),
  space3d: () => import('./space3d.js'),
  weights: () => import('./weights.js'),
  confusion: () => import('./confusion.js'),
  network: () => import('./network.js'),
  timeline: () => import('./timeline.js'),
  figures: () => import('./figures.js'),
};

// The views whose code is a part of its own.
export const VIEW_PARTS = ['weights', 'confusion', 'network', 'timeline', 'figures'];

const loading = {};
const loaded = {};
const failed = {}; // the last error of a part that did not load

/**
 * A part's module, loading it on the first call.
 * @param {keyof typeof IMPORTS} name
 * @returns {Promise<any>}
 */
export function part(name) {
  loading[name] ??= IMPORTS[name]().then(
    (module) => { delete failed[name]; return (loaded[name] = module); },
    (error) => {
      delete loading[name];
      throw (failed[name] = new Error(`the ${name} part of Feature Space did not load (${error?.message ?? error})`));
    },
  );
  return loading[name];
}

/**
 * A part's module if it has arrived, else null.
 * @param {keyof typeof IMPORTS} name
 */
export const partLoaded = (name) => loaded[name] ?? null;

/**
 * Why a part is not there: its last load error, or that it is still on its way.
 * @param {keyof typeof IMPORTS} name
 */
export const partMissing = (name) => failed[name] ?? new Error(`the ${name} part of Feature Space has not loaded yet: await element.ready first`);
