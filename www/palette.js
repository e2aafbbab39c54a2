// One palette for every view (Okabe–Ito, safe for the common colour-vision deficiencies).
// The two class colours equal the ones the Rust raster uses for the heatmaps.
export const CLASS = ['#d55e00', '#0072b2']; // class 0 vermillion, class 1 blue
export const UNIT = ['#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7a5195', '#8c6d31', '#3b3b3b', '#f0c808'];
export const OUTPUT = '#222222';

export const unitColour = (j) => UNIT[j % UNIT.length];

// `#rrggbb` with an alpha, for translucent fills.
export function withAlpha(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
