// The element's space settings: `space` (which layer the feature view shows: a number from 0,
// the input plane, to the last hidden layer, or `last`), `axes` (`auto`, `projection`, or two
// or three unit numbers such as `1,3`) and `regions` (colour the input plane by which hidden
// units are on). Attributes, properties, URL keys and the view's own controls all end here;
// none restarts the run.

export const SPACE_KEYS = ['space', 'axes', 'regions'];

/** @returns {{space: string, axes: string, regions: boolean, grid: boolean}} */
export function spaceSettings(el) {
  const regions = el.getAttribute('regions');
  return {
    space: (el.getAttribute('space') ?? 'last').trim() || 'last',
    axes: (el.getAttribute('axes') ?? 'auto').trim() || 'auto',
    regions: regions != null && regions !== 'false' && regions !== '0',
    grid: Boolean(el.warpedGrid),
  };
}

// Hands the settings to the run; returns the rejected ones as [{key, message}].
export function applySpace(el) {
  const s = spaceSettings(el);
  const errors = [];
  let layer = -1;
  if (s.space !== 'last') {
    layer = Number(s.space);
    if (!Number.isInteger(layer) || layer < 0 || layer > 6) {
      errors.push({ key: 'space', message: `'${s.space.slice(0, 20)}' is not a layer: give 0 (the input plane) to 6, or last` });
      layer = -1;
    }
  }
  errors.push(...el.run.setSpace(layer, s.axes, { warp: s.grid, regions: s.regions }));
  el.viewSet?.tools.show(s);
  // A bad value is named once, not again at every later change of the other settings.
  const said = el.saidSpace ?? {};
  el.saidSpace = { space: s.space, axes: s.axes };
  return errors.filter((e) => said[e.key] !== s[e.key]);
}

// What the views' controls change: the element's attributes (so that they are mirrored, and
// the page writes them into its link).
export function spaceActions(el) {
  return {
    setSpace: (layer) => el.setAttribute('space', layer),
    setAxes: (axes) => el.setAttribute('axes', axes),
    setRegions: (on) => el.toggleAttribute('regions', on),
    setGrid: (on) => { el.warpedGrid = on; el.applySpace(); },
    settings: () => spaceSettings(el),
  };
}

// The settings that differ from the defaults, as `key=value` pairs for a link.
export function spaceQuery(el) {
  const s = spaceSettings(el);
  return [s.space !== 'last' && `space=${s.space}`, s.axes !== 'auto' && `axes=${encodeURIComponent(s.axes)}`, s.regions && 'regions=1']
    .filter(Boolean).join('&');
}
