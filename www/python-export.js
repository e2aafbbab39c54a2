// A self-contained Python script (numpy + scikit-learn) that rebuilds the run: the data as the
// playground split it, the configured features, the architecture and training settings mapped
// to scikit-learn, the exported weights loaded into it, and the same model trained there (an MLP
// from the playground's initial weights, a logistic regression to convergence).
// This is text formatting of what the core gives (config, state, data, outputs); the mapping's
// reasons are in the script's own comments and in the README ("Python export").

/**
 * @typedef {object} ExportParts  what the core gives the script (see Playground.exportParts)
 * @property {object} config                       the run's config (keys as in the URL)
 * @property {{epoch: number, train: {loss: number, accuracy: number|null},
 *   test: {loss: number, accuracy: number|null}|null,
 *   layers: Array<{W: number[][], b: number[]}>}} state
 * @property {Array<{W: number[][], b: number[]}>} initial  the weights the run started from (Reset's)
 * @property {{x: number[][], y: number[], nTrain: number}} data   training points first
 * @property {{kind: 'binary'|'multiclass'|'regression', classes?: number}} task
 * @property {Float64Array|number[]} outputs       the network's output at every point
 */

const ACTIVATIONS = { tanh: 'tanh', relu: 'relu', sigmoid: 'logistic', linear: 'identity', leakyrelu: 'relu' };

// Python's float() reads JavaScript's shortest round-trip text back to the same double.
const num = (v) => (Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'float("nan")' : v > 0 ? 'float("inf")' : '-float("inf")');
const pyList = (a) => `[${Array.from(a, (v) => (Array.isArray(v) ? pyList(v) : num(v))).join(', ')}]`;

// The scikit-learn estimator and its arguments for a config, and what does not map exactly.
/** @param {ExportParts} parts */
export function mapping({ config, state, data, task }) {
  const n = data.nTrain;
  const hidden = state.layers.slice(0, -1).map((l) => l.b.length);
  const l1 = Number(config.l1) || 0, l2 = Number(config.l2) || 0;
  const notes = []; // where it does not map exactly
  let training; // how the script's own training run relates to the playground's
  const regression = task.kind === 'regression';
  if (hidden.length === 0) {
    if (config.optimizer !== 'lbfgs') notes.push(`the playground trained ${state.epoch} epochs of ${config.optimizer}; scikit-learn fits to convergence, so the two agree only once the playground has converged (Fit logistic regression, or optimizer=lbfgs)`);
    if (task.kind === 'multiclass' && l1 + l2 === 0) notes.push('an unpenalised softmax has many optimal weights (adding the same vector to every class changes nothing): the predictions agree, the coefficients need not; set l2 > 0 for a unique optimum');
    training = 'scikit-learn fits to convergence from its own start (the optimum is unique with a penalty, or with data no line separates)';
    if (regression) {
      if (l1 > 0) return { estimator: 'ElasticNet', args: { alpha: (l1 + l2) / 2, l1_ratio: l1 / (l1 + l2), tol: 1e-12, max_iter: 1000000 }, notes, training };
      if (l2 > 0) return { estimator: 'Ridge', args: { alpha: (l2 * n) / 2 }, notes, training };
      return { estimator: 'LinearRegression', args: {}, notes, training };
    }
    const args = l1 + l2 > 0 ? { C: 1 / ((l1 + l2) * n), l1_ratio: l1 / (l1 + l2) } : { C: { py: 'np.inf' }, l1_ratio: 0 };
    Object.assign(args, l1 > 0 ? { solver: 'saga', tol: 1e-10, max_iter: 1000000 } : { solver: 'newton-cholesky', tol: 1e-12, max_iter: 1000 });
    return { estimator: 'LogisticRegression', args, notes, training };
  }
  const stochastic = config.optimizer !== 'lbfgs';
  const batch = Math.max(1, Math.min(Number(config.batch) || n, n));
  const epochs = Math.max(1, state.epoch);
  if (config.activation === 'leakyrelu') notes.push("scikit-learn has no leaky ReLU (slope 0.01): this uses 'relu', so the loaded model's outputs differ where a unit's input is negative");
  if (l1 > 0) notes.push(`scikit-learn's MLP has no L1 penalty: l1=${l1} is left out`);
  if (config.optimizer === 'rmsprop') notes.push("scikit-learn's MLP has no RMSprop: this trains with 'adam', the nearest");
  if (stochastic && l2 > 0 && n % batch !== 0) notes.push(`scikit-learn divides the L2 term by each minibatch's size: alpha matches the full minibatches of ${batch}, not the last one of ${n % batch}`);
  const args = {
    hidden_layer_sizes: { py: `(${hidden.join(', ')},)` },
    activation: ACTIVATIONS[config.activation] ?? 'relu',
    solver: config.optimizer === 'lbfgs' ? 'lbfgs' : config.optimizer === 'sgd' || config.optimizer === 'momentum' ? 'sgd' : 'adam',
    // The core: mean loss + l2/2·‖W‖² per minibatch; scikit-learn: mean loss + alpha/2·‖W‖²/batch
    // (and its squared error is halved, so a regression's alpha and SGD step are halved too).
    alpha: (l2 * (stochastic ? batch : n)) / (regression ? 2 : 1),
    max_iter: epochs,
    random_state: Number(config.seed) || 0,
  };
  if (stochastic) {
    const sgd = args.solver === 'sgd';
    Object.assign(args, {
      batch_size: batch,
      learning_rate_init: (Number(config.lr) || 0.001) * (regression && sgd ? 2 : 1),
      shuffle: true, tol: 0, n_iter_no_change: epochs + 1,
    });
    if (sgd) Object.assign(args, { momentum: config.optimizer === 'momentum' ? Number(config.momentum) : 0, nesterovs_momentum: config.optimizer === 'momentum' && Boolean(config.nesterov) });
    else Object.assign(args, { beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 });
  } else {
    Object.assign(args, { tol: 1e-12, max_fun: 1000000 });
  }
  training = `scikit-learn trains ${epochs} epochs from the playground's initial weights (what Reset starts from): ${!stochastic
    ? "SciPy's L-BFGS-B takes other steps than the playground's L-BFGS, so the two head downhill apart"
    : batch === n ? 'with the whole training set as one batch, this follows the playground\'s own run to rounding'
      : 'scikit-learn shuffles the minibatches with its own generator, so this is the same setup, not the same trajectory'}`;
  return { estimator: regression ? 'MLPRegressor' : 'MLPClassifier', args, notes, training };
}

// Keyword arguments: strings quoted, {py: text} written as Python as it is.
const pyValue = (v) => (typeof v === 'string' ? `'${v}'` : typeof v === 'boolean' ? (v ? 'True' : 'False') : typeof v === 'number' ? num(v) : v.py);
const pyArgs = (args) => Object.entries(args).map(([k, v]) => `${k}=${pyValue(v)}`).join(', ');

/** @param {ExportParts} parts  @returns {string} the script */
export function pythonScript(parts) {
  const { config, state, data, task } = parts;
  const map = mapping(parts);
  const k = state.layers[state.layers.length - 1].b.length;
  const exactObjective = map.notes.length === 0;
  const query = Object.entries(config).map(([key, v]) => `${key}=${v}`).join('&');
  const rows = data.x.map(([a, b], i) => `${a},${b},${data.y[i]}`).join('\n');
  const outputs = Array.from(parts.outputs, num);
  const outputRows = [];
  for (let i = 0; i < outputs.length; i += k) outputRows.push(`[${outputs.slice(i, i + k).join(', ')}]`);
  const metrics = (m) => (m ? `{"loss": ${num(m.loss)}, "accuracy": ${m.accuracy == null ? 'None' : num(m.accuracy)}}` : 'None');
  return `#!/usr/bin/env python3
"""Feature Space, exported at epoch ${state.epoch}: #${query}

${exactObjective ? 'This configuration maps exactly onto scikit-learn (the objective and the model; see below).' : `THIS CONFIGURATION DOES NOT MAP EXACTLY onto scikit-learn; the script does the nearest thing:\n${map.notes.map((s) => `  - ${s}`).join('\n')}`}

Its own training run: ${map.training}.

What it does: rebuilds the data exactly as the playground split it (training points first) and
its input features, loads the exported weights into a scikit-learn ${map.estimator} and checks
its outputs against the playground's, then trains the same model itself and prints both.
The last line printed is one JSON object (loaded and trained metrics, trained coefficients).
Needs numpy and scikit-learn (written for scikit-learn 1.9.1):  pip install scikit-learn

Where the mapping is exact and where not:
  - Data, features (x1sq = x1², x1x2 = x1·x2, sinx1 = sin x1, …), the layers' sizes, tanh, ReLU,
    sigmoid ('logistic'), linear ('identity'), and the output (a sigmoid with binary
    cross-entropy, a softmax with cross-entropy, a linear unit) are the same, so the loaded
    weights give the playground's outputs to rounding. Leaky ReLU has no scikit-learn twin.
  - Penalties: the playground minimises mean loss + l2/2·‖W‖² + l1·‖W‖₁ (biases free).
    LogisticRegression minimises C·Σloss + (1−l1_ratio)/2·‖w‖² + l1_ratio·‖w‖₁: the same
    optimum with C = 1/((l1+l2)·n) and l1_ratio = l1/(l1+l2) (C = inf without a penalty).
    Ridge: alpha = l2·n/2; ElasticNet: alpha = (l1+l2)/2 (the playground's squared error is not
    halved). MLP*: alpha/2·‖W‖²/batch per minibatch, so alpha = l2·batch (÷2 for regression);
    the MLP has no L1.
  - Optimizers: L-BFGS fits (the playground's full-batch strong-Wolfe L-BFGS; SciPy's L-BFGS-B
    here, Newton for logistic regression) agree at the optimum. Adam is the same "epsilon-hat"
    form (epsilon 1e-7 as in the playground); SGD and momentum (Nesterov too) the same updates.
    RMSprop has no scikit-learn twin. The MLP trains from the playground's initial weights for
    as many epochs; full-batch runs (batch >= training points) then follow the playground's
    step for step, minibatch runs do not (scikit-learn shuffles with its own generator).
"""
import io
import json
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, LinearRegression, LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor

TASK = ${JSON.stringify(task.kind)}  # binary, multiclass or regression
OUTPUTS = ${k}
FEATURES = ${JSON.stringify(String(config.features).split(','))}
N_TRAIN = ${data.nTrain}
# The playground's points (training first), as its CSV export writes them.
DATA = """x1,x2,label
${rows}
"""
# The exported weights: W[i][j] joins input i to unit j (input-major), one entry per layer.
LAYERS = [
${state.layers.map((l) => `    {"W": ${pyList(l.W)},\n     "b": ${pyList(l.b)}}`).join(',\n')}
]
# The weights the playground started from (Reset goes back to them); the MLP trains from them.
INITIAL_LAYERS = [
${parts.initial.map((l) => `    {"W": ${pyList(l.W)},\n     "b": ${pyList(l.b)}}`).join(',\n')}
]
# The playground's outputs at every point (σ(z), the class probabilities, or the value).
PLAYGROUND_OUTPUTS = np.array([
${outputRows.join(',\n')}
]).reshape(-1, OUTPUTS)
PLAYGROUND = {"epoch": ${state.epoch}, "train": ${metrics(state.train)}, "test": ${metrics(state.test)}}


def features(points):
    x1, x2 = points[:, 0], points[:, 1]
    columns = {"x1": x1, "x2": x2, "x1sq": x1 * x1, "x2sq": x2 * x2, "x1x2": x1 * x2,
               "sinx1": np.sin(x1), "sinx2": np.sin(x2)}
    return np.column_stack([columns[f] for f in FEATURES])


table = np.loadtxt(io.StringIO(DATA), delimiter=",", skiprows=1, ndmin=2).reshape(-1, 3)
X = features(table[:, :2])
y = table[:, 2] if TASK == "regression" else table[:, 2].astype(int)
X_train, y_train, X_test, y_test = X[:N_TRAIN], y[:N_TRAIN], X[N_TRAIN:], y[N_TRAIN:]


def make_model():
    return ${map.estimator}(${pyArgs(map.args)})


def outputs(model, X):
    """The network's outputs in the playground's shape (one column per output unit)."""
    if TASK == "regression":
        return model.predict(X).reshape(-1, 1)
    p = model.predict_proba(X)
    return p[:, 1:] if TASK == "binary" else p


def metrics(model, X, y):
    """Mean data loss (no penalty) and accuracy, as the playground reports them."""
    if len(y) == 0:
        return None
    out = outputs(model, X)
    if TASK == "regression":
        return {"loss": float(np.mean((out[:, 0] - y) ** 2)), "accuracy": None}
    p = np.column_stack([1 - out[:, 0], out[:, 0]]) if TASK == "binary" else out
    right = p[np.arange(len(y)), y]
    loss = float(np.mean(-np.log(np.clip(right, 1e-300, 1.0))))
    predicted = (out[:, 0] > 0.5).astype(int) if TASK == "binary" else np.argmax(p, axis=1)
    return {"loss": loss, "accuracy": float(np.mean(predicted == y))}


def load(model, layers):
    """Weights in the exported shape put into a scikit-learn model."""
    W = [np.array(layer["W"], dtype=float).reshape(len(layer["W"]), -1) for layer in layers]
    b = [np.array(layer["b"], dtype=float) for layer in layers]
    if isinstance(model, (MLPClassifier, MLPRegressor)):
        # Fitting one iteration builds the model's structure; the weights are then replaced.
        epochs = model.max_iter
        model.set_params(max_iter=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X_train, y_train)
        model.set_params(max_iter=epochs)
        if TASK != "regression" and len(model.classes_) != max(OUTPUTS, 2):
            raise SystemExit(f"the training points hold {len(model.classes_)} of the {max(OUTPUTS, 2)} classes: "
                             "scikit-learn's network would have another output layer")
        model.coefs_, model.intercepts_ = W, b
        return model
    if TASK == "regression":
        model.coef_, model.intercept_ = W[0][:, 0], float(b[0][0])
    else:
        model.classes_ = np.arange(max(OUTPUTS, 2))
        model.coef_, model.intercept_ = W[0].T.copy(), b[0].copy()
    model.n_features_in_ = X.shape[1]
    return model


def layers(model):
    """A fitted model's weights in the exported shape: [{"W": input-major, "b"}]."""
    if isinstance(model, (MLPClassifier, MLPRegressor)):
        return [{"W": W.tolist(), "b": b.tolist()} for W, b in zip(model.coefs_, model.intercepts_)]
    coef = np.atleast_2d(model.coef_)
    return [{"W": coef.T.tolist(), "b": np.atleast_1d(model.intercept_).tolist()}]


def iterations(model):
    n = getattr(model, "n_iter_", None)
    return int(np.max(n)) if n is not None else 0


def main():
    loaded = load(make_model(), LAYERS)
    difference = float(np.max(np.abs(outputs(loaded, X) - PLAYGROUND_OUTPUTS))) if len(X) else 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        trained = make_model()
        if isinstance(trained, (MLPClassifier, MLPRegressor)):
            # From the playground's initial weights: warm_start keeps the weights fit() finds.
            load(trained, INITIAL_LAYERS).set_params(warm_start=True)
        trained.fit(X_train, y_train)
    result = {
        "estimator": type(trained).__name__,
        "exact": ${exactObjective ? 'True' : 'False'},
        "playground": PLAYGROUND,
        "loaded": {"train": metrics(loaded, X_train, y_train), "test": metrics(loaded, X_test, y_test),
                   "max_abs_difference": difference},
        "trained": {"train": metrics(trained, X_train, y_train), "test": metrics(trained, X_test, y_test),
                    "iterations": iterations(trained), "layers": layers(trained)},
    }
    print(f"{result['estimator']} on {len(X_train)} training and {len(X_test)} test points")
    print(f"playground at epoch {PLAYGROUND['epoch']}: train {PLAYGROUND['train']}, test {PLAYGROUND['test']}")
    print(f"exported weights loaded: train {result['loaded']['train']}, test {result['loaded']['test']}")
    print(f"  largest difference from the playground's outputs: {difference:.3g}")
    print(f"trained by scikit-learn: train {result['trained']['train']}, test {result['trained']['test']}")
    for l, layer in enumerate(result["trained"]["layers"]):
        print(f"  layer {l + 1}: W = {layer['W']}, b = {layer['b']}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
`;
}
