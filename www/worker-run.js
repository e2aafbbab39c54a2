// A run trained by the training worker (www/trainer.js) while an element plays at the fastest
// speed, or at a fixed speed whose frames of training are work (see playground.js): the worker
// gets an exact snapshot of the session and posts a new one after every slice; the element draws
// the newest and, on stop, goes on from it bit for bit. At a fixed speed the element grants each
// frame's epochs (`feed`), so that the worker trains no faster than the speed says.

export class WorkerRun {
  /**
   * @param {URL|null} wasm  the module's URL; null (a module inlined in the page): no worker
   * @param {WebAssembly.Module|null} module  the page's compiled module, which the worker
   *   instantiates as it is: no second fetch or compile
   */
  constructor(wasm, module = null) {
    this.wasm = wasm;
    this.module = module;
    this.usable = Boolean(wasm) && typeof Worker !== 'undefined'
      && new URLSearchParams(location.search).get('worker') !== '0';
    this.worker = null;
    this.run = 0; // the run being trained; 0 when none
    this.epochs = null; // epochs per frame of the run, null at the fastest speed
    this.runs = 0;
    this.pending = null; // the newest snapshot not yet taken
    this.received = 0; // every message the worker posted, of any run: its activity, for tests
  }

  get active() {
    return this.run !== 0;
  }

  // Moves the run of `core` to the worker unless it is there; false where no worker can take it
  // (none, L-BFGS, or a worker that failed). `csv`: the loaded points of a custom data set;
  // `epochs`: epochs per frame at a fixed speed, null at the fastest (a run at another pace is
  // handed back first).
  start(core, csv, epochs = null) {
    if (this.run && this.epochs === epochs) return true;
    this.stop(core);
    if (!this.usable) return false;
    const snapshot = core.snapshot();
    if (!snapshot) return false;
    if (!this.worker) {
      try {
        this.worker = new Worker(new URL('./trainer.js', import.meta.url), { type: 'module' });
      } catch (error) {
        this.failed(error.message);
        return false;
      }
      this.worker.onmessage = ({ data }) => {
        this.received++;
        if (data.run !== this.run) return this.recycle(data.snapshot); // from a run already stopped
        if (data.type !== 'progress') return this.failed(data.message);
        this.recycle(this.pending);
        this.pending = data.snapshot;
      };
      this.worker.onerror = (e) => this.failed(e.message);
    }
    this.run = ++this.runs;
    this.epochs = epochs;
    const custom = core.config().dataset === 'custom';
    this.worker.postMessage({
      type: 'start', run: this.run, epochs, module: this.module, query: core.query(),
      // Drawn points travel in the query; loaded ones as the file.
      csv: custom && !core.config().drawn ? csv ?? null : null, snapshot,
    }, [snapshot.buffer]);
    return true;
  }

  // At a fixed speed: one more frame's epochs for the worker to train.
  feed() {
    if (this.run && this.epochs != null) this.worker.postMessage({ type: 'more', run: this.run });
  }

  // Ends the worker's run and puts its newest snapshot into `core`.
  stop(core) {
    if (!this.run) return;
    this.worker.postMessage({ type: 'stop', run: this.run });
    this.run = 0;
    this.take(core);
  }

  // The newest snapshot into `core`; true if there was one.
  take(core) {
    if (!this.pending) return false;
    const snapshot = this.pending;
    this.pending = null;
    core.restore(snapshot);
    this.recycle(snapshot);
    return true;
  }

  // Hands a snapshot this page is done with back to the worker, which drops it: a wide
  // network's snapshots are megabytes, several a second, which would otherwise be garbage for
  // the page's collector (the worker's runs beside the page's frames).
  recycle(snapshot) {
    if (snapshot && this.worker) this.worker.postMessage(0, [snapshot.buffer]);
  }

  failed(message) {
    console.warn(`Feature Space trains on the page's thread: the training worker failed (${message})`);
    this.usable = false;
    this.run = 0;
    this.pending = null;
  }

  // Ends the worker for good (the element left the page).
  destroy() {
    this.worker?.terminate();
    this.worker = null;
    this.run = 0;
    this.pending = null;
  }
}
