// The `export` control's row: the data as CSV, the weights as JSON, a Python (scikit-learn)
// script, and a PNG of any view the element shows (picked in a list), each as a download.

/**
 * @param {(id: string, text: string, title: string, onClick: () => void) => HTMLButtonElement} button
 * @param {{exportCsv: () => void, exportWeights: () => void, exportPython: () => void,
 *   exportPng: (view: string) => void, shownViews: () => string[]}} actions
 * @returns {HTMLDivElement}
 */
export function exportRow(button, actions) {
  const row = (...children) => {
    const div = document.createElement('div');
    div.className = 'export-buttons';
    div.append(...children);
    return div;
  };
  const box = document.createElement('div');
  box.append(row('Save ',
    button('export-csv', 'data (CSV)', 'Download the points as x1,x2,label (the format “Your data” reads)', () => actions.exportCsv()),
    button('export-weights', 'weights (JSON)', 'Download the weights and biases of every layer', () => actions.exportWeights()),
    button('export-python', 'Python (scikit-learn)', 'Download a Python script that rebuilds the data and this network in scikit-learn, loads these weights and trains it there too', () => actions.exportPython())));
  // The views in the element's order, the lesson's text last (a picture of a view comes first).
  const views = actions.shownViews().sort((a, b) => (a === 'lesson') - (b === 'lesson'));
  if (views.length) {
    const pick = document.createElement('select');
    pick.id = 'export-png-view';
    pick.setAttribute('aria-label', 'The view to save as a PNG image');
    for (const v of views) pick.append(new Option(v, v));
    box.append(row('Image of ', pick, button('export-png', 'PNG', 'Download the view picked beside as a PNG image', () => actions.exportPng(pick.value))));
  }
  return box;
}
