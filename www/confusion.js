// The confusion matrix of the test (or training) points, live: counts with the true class down
// and the predicted class across, and each class's accuracy. The core counts; this draws.
import { setText } from './dom-write.js';

export class ConfusionView {
  // host.redraw() asks for a frame when the reader picks the other set of points.
  constructor(section, host) {
    this.table = section.querySelector('#confusion');
    this.set = section.querySelector('#confusion-set');
    this.note = section.querySelector('#confusion-note');
    this.k = -1;
    this.set.addEventListener('change', () => { this.k = -1; host.redraw(); });
  }

  // Which points the next frame must count.
  wants() {
    return this.set.value === 'train' ? 'train' : 'test';
  }

  /** @param {{counts: Uint32Array, classes: string[]}} m  k × k counts, row = true class */
  draw(m) {
    const k = Math.round(Math.sqrt(m.counts.length));
    if (k !== this.k) this.build(k, m.classes);
    if (!k) return setText(this.note, 'A regression has no classes to confuse.');
    let right = 0, total = 0;
    for (let t = 0; t < k; t++) {
      let row = 0;
      for (let p = 0; p < k; p++) {
        const n = m.counts[t * k + p];
        row += n;
        setText(this.cells[t][p], String(n));
      }
      const ok = m.counts[t * k + t];
      right += ok;
      total += row;
      setText(this.accuracy[t], row ? `${((100 * ok) / row).toFixed(1)}%` : '–');
    }
    setText(this.note, total ? `${right} of ${total} ${this.wants() === 'test' ? 'test' : 'training'} points right (${((100 * right) / total).toFixed(1)}%). Rows: the true class; columns: the class the network predicts.` : 'No points in this set.');
  }

  build(k, colours) {
    this.k = k;
    this.table.replaceChildren();
    this.cells = [];
    this.accuracy = [];
    if (!k) return;
    const head = this.table.createTHead().insertRow();
    // Compact headers, so that the table fits a narrow column: the caption says what they mean.
    head.append(Object.assign(document.createElement('th'), { textContent: '', title: 'rows: true class; columns: predicted class' }));
    for (let p = 0; p < k; p++) head.append(Object.assign(document.createElement('th'), { textContent: String(p), title: `predicted class ${p}`, style: `color:${colours[p % colours.length]}` }));
    head.append(Object.assign(document.createElement('th'), { textContent: '✓', title: 'the share of the class predicted right' }));
    const body = this.table.createTBody();
    for (let t = 0; t < k; t++) {
      const row = body.insertRow();
      row.append(Object.assign(document.createElement('th'), { textContent: String(t), title: `true class ${t}`, style: `color:${colours[t % colours.length]}` }));
      this.cells.push(Array.from({ length: k }, (_, p) => {
        const cell = row.insertCell();
        if (p === t) cell.className = 'diagonal';
        return cell;
      }));
      this.accuracy.push(row.insertCell());
    }
  }
}
