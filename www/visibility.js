// Whether an element is near the viewport (to load the wasm lazily) and whether it is on
// screen in a visible tab (to train and draw). One observer of each kind serves every element.

const watchers = new Map(); // element → {near, seen}
let nearObserver = null;
let seenObserver = null;

function observers() {
  // "Near": within about a viewport of being seen; "seen": any pixel on screen.
  nearObserver ??= new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) watchers.get(e.target)?.near();
  }, { rootMargin: '100% 0px 100% 0px' });
  seenObserver ??= new IntersectionObserver((entries) => {
    for (const e of entries) watchers.get(e.target)?.seen(e.isIntersecting);
  });
  return [nearObserver, seenObserver];
}

/**
 * Watches `element`: `near()` once it comes within about a viewport, `seen(onScreen)` whenever
 * it enters or leaves the screen.
 * @returns {() => void} stops watching
 */
export function watch(element, { near, seen }) {
  const [n, s] = observers();
  watchers.set(element, { near, seen });
  n.observe(element);
  s.observe(element);
  return () => {
    n.unobserve(element);
    s.unobserve(element);
    watchers.delete(element);
  };
}

export const tabVisible = () => document.visibilityState !== 'hidden';
