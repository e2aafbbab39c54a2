// The example lesson page: the caption under the element follows its events (a strict CSP
// allows no inline scripts, so this lives in a file). fs-challenge says when a step's check
// starts or stops holding; fs-error names a lesson file that could not be read.
const el = document.getElementById('lesson');
const status = document.getElementById('lesson-status');
el.addEventListener('fs-lesson', ({ detail }) => {
  status.textContent = `Step ${detail.step} of the lesson “${detail.lesson}”.`;
});
el.addEventListener('fs-challenge', ({ detail }) => {
  status.textContent = detail.met ? 'Challenge done: the check holds.' : `Challenge: not yet${detail.broken.length ? ` (keep to ${detail.broken.join('; ')})` : ''}.`;
});
el.addEventListener('fs-error', ({ detail }) => {
  if (detail.key === 'lesson') status.textContent = `The lesson could not be opened: ${detail.message}`;
});
