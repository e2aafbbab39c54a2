// A run trained by the training worker (www/trainer.js) while an element plays at the fastest
// speed, or at a fixed speed whose frames of training are work (see playground.js): the worker
// gets an exact snapshot of the session and posts a new one after every slice; the element draws
// the newest and, on stop, goes on from it bit for bit. At a fixed speed the element grants each
// frame's epochs (`feed`), so that the worker trains no faster than the speed says. At the
// fastest speed the element's thread trains on meanwhile, from the same snapshot, until a
// snapshot of the worker is further on: the run is the same bit for bit either way, so Play
// answers in the next frame instead of after the worker's start (70-320 ms after play() here).

// The worker's snapshots still behind the page after which it stops catching up: the run starts
// again in the worker from the page's state, and the page no longer trains it.
const CATCH_UP_SNAPSHOTS = 30;

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
    this.catchingUp = false; // with a run on: the page trains it too, until the worker is further on
    this.behind = 0; // the worker's snapshots the page looked at and dropped, as behind it
    this.received = 0; // every message the worker posted, of any run: its activity, for tests
  }

  get active() {
    return this.run !== 0;
  }

  // Whether the worker trains the run and the page's thread does not.
  get training() {
    return this.run !== 0 && !this.catchingUp;
  }

  // Moves the run of `core` to the worker unless it is there; false where no worker can take it
  // (none, L-BFGS, or a worker that failed). `csv`: the loaded points of a custom data set;
  // `epochs`: epochs per frame at a fixed speed, null at the fastest (a run at another pace is
  // handed back first). At the fastest speed the page trains on until the worker is further on
  // (at a fixed one the worker trains no faster than the page would); a worker still behind
  // after CATCH_UP_SNAPSHOTS of its snapshots gets the run again, and the page stops training it.
  start(core, csv, epochs = null) {
    // (Not if its newest snapshot, not yet looked at, is further on: it has caught up.)
    const stuck = this.catchingUp && this.behind >= CATCH_UP_SNAPSHOTS && !(this.pending?.[1] > core.epoch());
    if (this.run && this.epochs === epochs && !stuck) return true;
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
      // A script that did not load gives an Event without a message.
      this.worker.onerror = (e) => this.failed(e.message ?? 'its script did not load');
    }
    this.run = ++this.runs;
    this.epochs = epochs;
    this.catchingUp = epochs === null && !stuck;
    this.behind = 0;
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
    this.behind = 0;
  }

  // The newest snapshot into `core`; true if there was one.
  take(core) {
    if (!this.pending) return false;
    const snapshot = this.pending;
    this.pending = null;
    // The epoch is a snapshot's second number (`Snapshot::to_numbers`).
    if (this.catchingUp && !(snapshot[1] > core.epoch())) {
      this.recycle(snapshot); // the page is as far or further on the same run: its state stays
      this.behind++;
      return false;
    }
    this.catchingUp = false;
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
    this.destroy();
  }

  // Ends the worker (the element left the page, its core crashed, or the worker failed); while
  // `usable`, the next start() makes another.
  destroy() {
    this.worker?.terminate();
    this.worker = null;
    this.run = 0;
    this.pending = null;
  }
}
