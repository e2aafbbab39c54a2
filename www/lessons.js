// The two guided lessons. Each step sets the playground to reproduce one figure of its tutorial,
// says in a few sentences what to look at, and suggests something to try. Steps are addressable
// as #lesson=ID&step=N (N from 1).

const BLOBS = { dataset: 'blobs', points: 1000, trainRatio: 1, hidden: 'none', optimizer: 'lbfgs', l2: 0.001, batch: 1000 };
const XOR_LR = { dataset: 'xor', points: 1000, trainRatio: 0.5, hidden: 'none', optimizer: 'lbfgs', l2: 0.001, batch: 500 };
const XOR_U = { ...XOR_LR, features: 'x1x2' };
const XOR_MLP = { dataset: 'xor', points: 1000, trainRatio: 0.5, hidden: '50', activation: 'relu', optimizer: 'adam', lr: 0.01, batch: 10 };

export const LESSONS = [
  {
    id: 'hidden-space',
    title: 'From hidden lines to the hidden space',
    steps: [
      {
        title: 'A band that no line can cut',
        config: {}, train: 0, focus: 'input-space',
        text: 'The blue points fill a diagonal band; the vermillion ones lie on both sides of it. Any straight line leaves some of each class on the wrong side, so a model with no hidden layer cannot classify them all.',
        tryThis: 'Set hidden units to none and press Play: how far does one line get?',
      },
      {
        title: 'Two hidden units are two lines',
        config: {}, train: 0, focus: 'input-space',
        text: 'Hidden unit j computes W1j·x1 + W2j·x2 + bj. Where that is zero is a line; the shaded side is where it is positive. Before training, the lines lie wherever the random start put them.',
        tryThis: 'Press “New” beside the seed a few times to see other starting lines.',
      },
      {
        title: 'After training: the lines frame the band',
        config: {}, train: 100, focus: 'input-space',
        text: 'After 100 epochs of Adam the two lines run along the edges of the band with their positive sides facing each other. Blue points are on the positive side of both lines, vermillion ones on the positive side of only one.',
        tryThis: 'Press Reset, then Step a few times and watch the lines move into place.',
      },
      {
        title: 'The weights are the lines',
        config: {}, train: 100, focus: 'weights',
        text: 'Each column of the first table is one line: W1j, W2j and bj. Their signs say which side is positive; their size says how sharply tanh switches from −1 to 1 across the line.',
        tryThis: 'Compare the columns of h1 and h2: why do their signs differ?',
      },
      {
        title: 'The hidden space (a1, a2)',
        config: {}, train: 100, focus: 'feature-space',
        text: 'tanh squeezes each unit into (−1, 1), so every point moves to (a1, a2). The band lands in the corner where both are positive, the rest along two edges, and one straight line, the output unit, now separates them.',
        tryThis: 'Press Reset, set the speed to 1 epoch per frame and Play: watch the data fold into its corner.',
      },
      {
        title: 'Every training point right',
        config: {}, train: 100, focus: 'metrics',
        text: 'The training accuracy reaches 100%. The rings are test points the network never trained on; they are classified right too.',
        tryThis: 'Set noise to 0.1 and train again: what happens to the test accuracy?',
      },
    ],
  },
  {
    id: 'nonlinear',
    title: 'Non-linearities and what hidden layers do with them',
    steps: [
      {
        title: 'Two Gaussian blobs',
        config: BLOBS, train: 0, focus: 'input-space',
        text: 'Class 0 is spread around (0, 0), class 1 around (2, 2), both with unit width. The clouds overlap a little, so even the best classifier makes some mistakes here.',
        tryThis: 'Change the seed to draw a new sample.',
      },
      {
        title: 'The sigmoid in one dimension',
        config: BLOBS, train: 0, figure: 'sigmoid', sliders: { w: 1, b1: 0 }, focus: 'sigmoid-1d',
        text: 'σ(z) = 1 / (1 + e^−z) turns any number into a value between 0 and 1. With z = w·x + b, w sets how sharp the step is and b moves it: the middle is at x = −b/w.',
        tryThis: 'Drag w below zero: the step turns around.',
      },
      {
        title: 'The sigmoid in two dimensions',
        config: BLOBS, train: 0, figure: 'sigmoid', sliders: { w1: 1, w2: 2, b: 0 }, focus: 'sigmoid-2d',
        text: 'Now z = w1·x1 + w2·x2 + b. The sigmoid is exactly 0.5 where z = 0, on the line w1·x1 + w2·x2 + b = 0 drawn over the heatmap: that line is the boundary between the two answers.',
        tryThis: 'Set w2 to 0: how does the line turn? Move b and watch it slide.',
      },
      {
        title: 'The same sigmoid as a surface',
        config: BLOBS, train: 0, figure: 'sigmoid', sliders: { w1: 1, w2: 2, b: 0 }, focus: 'sigmoid-3d',
        text: 'Seen in 3D the 2D sigmoid is a ramp: flat along the boundary line, rising from 0 to 1 across it.',
        tryThis: 'Drag the surface to turn it; raise w1 and w2 to make the ramp steeper.',
      },
      {
        title: 'Logistic regression fits that sigmoid',
        config: BLOBS, train: 'fit', focus: 'input-space',
        text: 'Logistic regression is this sigmoid with w1, w2 and b chosen by L-BFGS to fit the data (with scikit-learn’s default penalty, C = 1). The heatmap is its probability of class 1; the line is where it says 50%.',
        tryThis: 'Read its coefficients in the weights panel, then compare with the line on the map.',
      },
      {
        title: 'XOR quadrants: no line will do',
        config: XOR_LR, train: 'fit', focus: 'input-space',
        text: 'Now class 1 sits in two opposite quadrants. The best line logistic regression finds is almost useless: the accuracy stays near 50%.',
        tryThis: 'Look at the training accuracy. Could any single line do better?',
      },
      {
        title: 'A new variable: u = x1·x2',
        config: XOR_U, train: 0, figure: 'feature', focus: 'figures',
        text: 'The product u = x1·x2 is positive in one pair of quadrants and negative in the other. Plotted against u, the two categories no longer overlap at all.',
        tryThis: 'Where would you put the boundary on this axis?',
      },
      {
        title: 'p(u): a one-dimensional sigmoid',
        config: XOR_U, train: 'fit', figure: 'feature', focus: 'figures',
        text: 'A logistic regression on u alone is the 1D sigmoid again: p jumps from 0 to 1 where u crosses zero.',
        tryThis: 'Raise l2 to 0.1 and fit again: the step gets softer.',
      },
      {
        title: 'p(u) back in the plane, and lifted into 3D',
        config: XOR_U, train: 'fit', figure: 'lifted', focus: 'input-space',
        text: 'In the plane p depends on x1·x2, so its 50% boundary is curved: the two axes. Lift every point to height u = x1·x2 and the same model is a flat plane; a straight cut up there is a curved boundary down here.',
        tryThis: 'Turn the 3D view, then set features to x1,x2,x1x2 and fit again.',
      },
      {
        title: 'A hidden layer learns its own features',
        config: XOR_MLP, train: 60, focus: 'input-space',
        text: 'A hidden layer of 50 ReLU units finds such features by itself. The rings are test points never used in training; the test accuracy says how often the network is right on new data.',
        tryThis: 'Try 4 hidden units, or tanh: does it still work?',
      },
      {
        title: 'The ReLU',
        config: XOR_MLP, train: 60, figure: 'activations', focus: 'figures',
        text: 'ReLU(z) = max(0, z): zero on one side of a unit’s line, rising on the other. Adding up many such bent planes lets the output bend its boundary wherever the data needs.',
        tryThis: 'Switch the activation to tanh or sigmoid and compare the curves.',
      },
    ],
  },
];

export const lessonById = (id) => LESSONS.find((l) => l.id === id);

// The lesson panel: a chooser, the step's words, previous/next buttons and arrow keys.
export class LessonPanel {
  constructor(root, onStep) {
    this.root = root;
    this.onStep = onStep;
    const $ = (id) => root.querySelector(`#${id}`);
    this.select = $('lesson-select');
    for (const lesson of LESSONS) this.select.append(new Option(lesson.title, lesson.id));
    this.select.addEventListener('change', () => (this.select.value ? this.go(this.select.value, 1) : this.close()));
    this.prev = $('lesson-prev');
    this.next = $('lesson-next');
    this.prev.addEventListener('click', () => this.move(-1));
    this.next.addEventListener('click', () => this.move(1));
    this.title = $('lesson-title');
    this.text = $('lesson-text');
    this.tryThis = $('lesson-try');
    this.progress = $('lesson-progress');
    this.body = $('lesson-body');
    this.close();
  }

  // The arrow keys move between steps (the element passes on keys pressed while it has focus);
  // true when the key was used.
  handleKey(e) {
    if (!this.lesson || /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) return false;
    if (e.key === 'ArrowRight') this.move(1);
    else if (e.key === 'ArrowLeft') this.move(-1);
    else return false;
    return true;
  }

  move(delta) {
    if (!this.lesson) return;
    const step = Math.max(1, Math.min(this.lesson.steps.length, this.step + delta));
    if (step !== this.step) this.go(this.lesson.id, step);
  }

  // Opens a lesson at a step (1-based); returns false for an unknown lesson.
  go(id, step) {
    const lesson = lessonById(id);
    if (!lesson) return false;
    this.lesson = lesson;
    this.step = Math.max(1, Math.min(lesson.steps.length, Math.floor(step) || 1));
    const s = lesson.steps[this.step - 1];
    this.select.value = id;
    this.title.textContent = `${this.step}. ${s.title}`;
    this.text.textContent = s.text;
    this.tryThis.textContent = `Try this: ${s.tryThis}`;
    this.progress.textContent = `Step ${this.step} of ${lesson.steps.length}`;
    this.prev.disabled = this.step === 1;
    this.next.disabled = this.step === lesson.steps.length;
    this.body.hidden = false;
    this.root.classList.add('active');
    this.onStep(lesson, this.step, s);
    return true;
  }

  close() {
    this.lesson = null;
    this.select.value = '';
    this.body.hidden = true;
    this.prev.disabled = this.next.disabled = true;
    this.progress.textContent = '';
    this.root.classList.remove('active');
  }
}
