// Training in slices of a frame or so: how many epochs to ask the core for at once, grown and
// shrunk so that one call takes about a millisecond (few calls, yet the clock is read often).
export function nextChunk(chunk, tookMs) {
  const factor = tookMs < 0.5 ? 2 : tookMs > 2 ? 0.5 : 1;
  return Math.max(1, Math.min(100000, Math.round(chunk * factor)));
}
