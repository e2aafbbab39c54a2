// A challenge: a step's goal with a check — a measure of the run (an accuracy or a loss, on the
// training or the test points) that must reach a bound, within limits on the network and the
// training. The check reads only the element's state and config, so a link to the step
// (#lesson=challenges&step=3) carries the challenge to a class.

/**
 * @typedef {object} Check
 * @property {string} goal                      the goal in words
 * @property {'trainAccuracy'|'testAccuracy'|'trainLoss'|'testLoss'} measure
 * @property {number} [atLeast]                 accuracies: the share to reach (0–1)
 * @property {number} [atMost]                  losses: the value to get under
 * @property {{maxHiddenUnits?: number, maxLayers?: number, maxEpochs?: number,
 *             features?: string[], activations?: string[]}} [limits]
 * @property {string} [success]                 said when the check holds
 *
 * @typedef {object} Verdict
 * @property {boolean} met          the bound is reached within every limit
 * @property {number|null} value    the measure now (null before there is one)
 * @property {string[]} broken      the limits the run breaks, in words
 */

export const MEASURES = { trainAccuracy: 'training accuracy', testAccuracy: 'test accuracy', trainLoss: 'training loss', testLoss: 'test loss' };
const LIMITS = ['maxHiddenUnits', 'maxLayers', 'maxEpochs', 'features', 'activations'];

// The problems of a check's fields, as [{field, message}] (empty when it is well formed).
export function checkChallenge(check) {
  const out = [];
  const bad = (field, message) => out.push({ field, message });
  if (!check || typeof check !== 'object' || Array.isArray(check)) return [{ field: '', message: 'must be an object with goal, measure and atLeast or atMost' }];
  for (const key of Object.keys(check)) if (!['goal', 'measure', 'atLeast', 'atMost', 'limits', 'success'].includes(key)) bad(key, 'is not a check field (goal, measure, atLeast, atMost, limits, success)');
  if (typeof check.goal !== 'string' || !check.goal.trim()) bad('goal', 'must say the goal in words');
  if (!(check.measure in MEASURES)) bad('measure', `${JSON.stringify(check.measure)} is not one of ${Object.keys(MEASURES).join(', ')}`);
  const accuracy = String(check.measure).endsWith('Accuracy');
  // Bounds are numbers, not strings ("0.9" would compare but not print) nor true/false.
  const number = (v) => typeof v === 'number' && Number.isFinite(v);
  if (accuracy) {
    if (!(number(check.atLeast) && check.atLeast >= 0 && check.atLeast <= 1)) bad('atLeast', 'an accuracy needs atLeast, a share from 0 to 1');
    if (check.atMost != null) bad('atMost', 'is for losses; an accuracy takes atLeast');
  } else if (check.measure in MEASURES) {
    if (!(number(check.atMost) && check.atMost >= 0)) bad('atMost', 'a loss needs atMost, a number from 0');
    if (check.atLeast != null) bad('atLeast', 'is for accuracies; a loss takes atMost');
  }
  if (check.success != null && typeof check.success !== 'string') bad('success', 'must be a string');
  const limits = check.limits ?? {};
  if (typeof limits !== 'object' || Array.isArray(limits)) bad('limits', 'must be an object');
  else for (const [key, v] of Object.entries(limits)) {
    if (!LIMITS.includes(key)) bad(`limits.${key}`, `is not one of ${LIMITS.join(', ')}`);
    else if (key.startsWith('max') && !(Number.isSafeInteger(v) && v >= 0)) bad(`limits.${key}`, 'must be a whole number from 0');
    else if (!key.startsWith('max') && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) bad(`limits.${key}`, 'must be a list of names');
  }
  return out;
}

/**
 * Judges a run against a check.
 * @param {Check} check
 * @param {{epoch: number, train: {loss: number, accuracy: number|null}, test: object|null}} state
 * @param {object} config  the element's config (hidden, activation, features)
 * @returns {Verdict}
 */
export function judge(check, state, config) {
  const [set, kind] = check.measure.startsWith('train') ? ['train', check.measure.slice(5).toLowerCase()] : ['test', check.measure.slice(4).toLowerCase()];
  const metrics = state[set];
  const value = metrics ? metrics[kind] ?? null : null;
  const limits = check.limits ?? {};
  const widths = config.hidden === 'none' ? [] : String(config.hidden).split(',').map(Number);
  const units = widths.reduce((a, b) => a + b, 0);
  const broken = [];
  if (limits.maxHiddenUnits != null && units > limits.maxHiddenUnits) broken.push(`at most ${limits.maxHiddenUnits} hidden units (now ${units})`);
  if (limits.maxLayers != null && widths.length > limits.maxLayers) broken.push(`at most ${limits.maxLayers} hidden layer${limits.maxLayers === 1 ? '' : 's'} (now ${widths.length})`);
  if (limits.maxEpochs != null && state.epoch > limits.maxEpochs) broken.push(limits.maxEpochs === 0 ? 'no training: set the weights by hand (press Reset to start again)' : `at most ${limits.maxEpochs} epochs (now ${state.epoch})`);
  if (limits.features) {
    const extra = config.features.split(',').filter((f) => !limits.features.includes(f));
    if (extra.length) broken.push(`inputs only from ${limits.features.join(', ')} (not ${extra.join(', ')})`);
  }
  if (limits.activations && widths.length && !limits.activations.includes(config.activation)) broken.push(`activation ${limits.activations.join(' or ')}`);
  const reached = value != null && Number.isFinite(value) && (check.atLeast != null ? value >= check.atLeast : value <= check.atMost);
  return { met: reached && broken.length === 0, value, broken };
}

// The indicator's words for a verdict.
export function describe(check, verdict) {
  const name = MEASURES[check.measure];
  const accuracy = check.measure.endsWith('Accuracy');
  const show = (v) => (accuracy ? `${(100 * v).toFixed(1)}%` : v.toPrecision(3));
  const target = accuracy ? `≥ ${show(check.atLeast)}` : `≤ ${show(check.atMost)}`;
  const now = verdict.value == null ? `no ${name} yet` : `${name} ${show(verdict.value)} (goal ${target})`;
  if (verdict.met) return `✓ Done: ${now}. ${check.success ?? 'The check holds.'}`;
  return `${now}${verdict.broken.length ? ` — keep to ${verdict.broken.join('; ')}` : ''}`;
}
