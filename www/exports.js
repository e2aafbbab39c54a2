// What a reader takes away: the data as CSV (x1,x2,label — the format loadCsv reads, training
// points first) and the weights as JSON (the state().layers shape), as text or as a download.

/** @param {{x: number[][], y: number[]}} data  the element's data() */
export function dataCsv(data) {
  // String(v) is the shortest text that reads back as the same number.
  return ['x1,x2,label', ...data.x.map(([a, b], i) => `${a},${b},${data.y[i]}`)].join('\n') + '\n';
}

/** @param {{epoch: number, layers: Array<{W: number[][], b: number[]}>}} state */
export function weightsJson(state, config) {
  return JSON.stringify({ config, epoch: state.epoch, layers: state.layers }, null, 1) + '\n';
}

// Saves text as a file through a temporary link (no window, no server).
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
