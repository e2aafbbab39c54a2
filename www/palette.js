// One palette for every view (Okabe–Ito, safe for the common colour-vision deficiencies).
// The class colours equal the ones the Rust raster uses for the heatmaps (raster::CLASSES):
// class 0 vermillion, 1 blue, 2 bluish green, then the rest of Okabe–Ito and three darker
// tones, for up to ten classes.
export const CLASS = ['#d55e00', '#0072b2', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#f0e442', '#3b3b3b', '#8c6d31', '#7a5195'];
// Hidden units: the rest of the palette, then darker tones.
export const UNIT = ['#cc79a7', '#e69f00', '#56b4e9', '#3b3b3b', '#8c6d31', '#7a5195', '#f0c808', '#5e8c31'];
export const OUTPUT = '#222222';

export const unitColour = (j) => UNIT[j % UNIT.length];
// The same as text in the page: a dark theme reads a lighter one where the colour is too dark
// for its panels (element-style.js).
export const unitTextColour = (j) => `var(--fs-unit-${j % UNIT.length}, ${unitColour(j)})`;
export const OUTPUT_TEXT = `var(--fs-output, ${OUTPUT})`;

// `#rrggbb` with an alpha, for translucent fills.
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

// The class colours an element's theme sets (`--fs-class-0` …), as CSS colours and as R, G, B
// bytes for the core's heatmaps; null when the theme keeps the defaults.
export function themeClasses(host) {
  const style = getComputedStyle(host);
  const probe = document.createElement('canvas').getContext('2d');
  const colours = CLASS.map((fallback, k) => {
    const value = style.getPropertyValue(`--fs-class-${k}`).trim();
    if (!value) return fallback;
    probe.fillStyle = fallback;
    probe.fillStyle = value; // an invalid colour leaves the fallback
    return probe.fillStyle.startsWith('#') ? probe.fillStyle : fallback;
  });
  if (colours.every((c, k) => c === CLASS[k])) return null;
  const rgb = new Uint8Array(colours.flatMap((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))));
  return { colours, rgb };
}
