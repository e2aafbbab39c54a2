use clap::{Args, Parser, Subcommand};
use featurespace::bench::MAX_BUDGET_MS;
use featurespace::config::{excerpt, Config, DatasetKind};
use featurespace::data::{self, csv, Split};
use featurespace::nn::LayerWeights;
use featurespace::session::Stop;
use featurespace::{Metrics, Session};
use serde::Serialize;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "featurespace",
    version,
    about = "Feature Space: train the playground's networks from the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train a network on a generated data set or a CSV file and report loss, accuracy and weights.
    Train(Box<TrainArgs>),
    /// Time the benchmark cases natively (cargo xtask bench also runs them in Chromium).
    Bench(BenchArgs),
}

#[derive(Args)]
struct BenchArgs {
    /// Milliseconds to spend on each case: above 0, at most 600000.
    #[arg(long, default_value = "1000", allow_hyphen_values = true)]
    budget_ms: String,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct TrainArgs {
    /// Generated data set: band, blobs, xor, circle, spiral, moons, blobs3, plane, bumps.
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "train",
        allow_hyphen_values = true
    )]
    dataset: Option<String>,
    /// Training points from a CSV file with the header x1,x2,label (at most 20000 rows).
    #[arg(long, value_name = "FILE.csv")]
    train: Option<String>,
    /// Test points from a CSV file (with --train).
    #[arg(long, value_name = "FILE.csv", requires = "train")]
    test: Option<String>,
    /// Number of generated points.
    #[arg(long, allow_hyphen_values = true)]
    points: Option<String>,
    /// Standard deviation of the Gaussian jitter added to generated points.
    #[arg(long, allow_hyphen_values = true)]
    noise: Option<String>,
    /// Share of generated points used for training.
    #[arg(long = "train-ratio", allow_hyphen_values = true)]
    train_ratio: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    seed: Option<String>,
    /// Input features, e.g. x1,x2,x1x2 (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2).
    #[arg(long, allow_hyphen_values = true)]
    features: Option<String>,
    /// Hidden layer widths: none, 2, 8,8 …
    #[arg(long, allow_hyphen_values = true)]
    hidden: Option<String>,
    /// tanh, relu, leakyrelu, sigmoid or linear.
    #[arg(long, allow_hyphen_values = true)]
    activation: Option<String>,
    /// sgd, momentum, rmsprop, adam or lbfgs.
    #[arg(long, allow_hyphen_values = true)]
    optimizer: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    lr: Option<String>,
    /// Minibatch size (omitted: the whole training set).
    #[arg(long, allow_hyphen_values = true)]
    batch: Option<String>,
    /// Epochs to train, a whole number from 0 to 4294967295 (for lbfgs: the iteration limit).
    #[arg(long, default_value = "100", allow_hyphen_values = true)]
    epochs: String,
    #[arg(long, allow_hyphen_values = true)]
    l1: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    l2: Option<String>,
    /// Momentum coefficient (optimizer momentum).
    #[arg(long, allow_hyphen_values = true)]
    momentum: Option<String>,
    /// Use Nesterov momentum.
    #[arg(long)]
    nesterov: bool,
    /// Stop at this epoch if --epochs goes further (0: off).
    #[arg(long = "stop-at-epoch", allow_hyphen_values = true)]
    stop_at_epoch: Option<String>,
    /// Stop at the first epoch whose training loss is at most this (0: off).
    #[arg(long = "stop-at-loss", allow_hyphen_values = true)]
    stop_at_loss: Option<String>,
    /// Stop at the first epoch whose training accuracy is at least this, 0 to 1 (0: off; classification only).
    #[arg(long = "stop-at-accuracy", allow_hyphen_values = true)]
    stop_at_accuracy: Option<String>,
    /// Points drawn on the input plane (the `drawn` key, as a link has it; with --dataset custom).
    #[arg(long, allow_hyphen_values = true)]
    drawn: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    config: &'a Config,
    epochs: u64,
    train: Metrics,
    #[serde(skip_serializing_if = "Option::is_none")]
    test: Option<Metrics>,
    layers: Vec<LayerWeights>,
    /// The stop condition that ended the run before --epochs, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped: Option<Stop>,
}

/// A usage error: printed, exit status 2.
struct Usage(String);

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    let result = match cli.command {
        Command::Train(args) => train(*args),
        Command::Bench(args) => bench(args),
    };
    match result {
        Ok(()) => 0,
        Err(Usage(message)) => {
            eprintln!("featurespace: {message}");
            2
        }
    }
}

fn bench(args: BenchArgs) -> Result<(), Usage> {
    let budget_ms = args
        .budget_ms
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|b| b.is_finite() && *b > 0.0 && *b <= MAX_BUDGET_MS)
        .ok_or_else(|| {
            Usage(format!(
                "--budget-ms: '{}' is not a number of milliseconds above 0 and at most {MAX_BUDGET_MS}",
                excerpt(&args.budget_ms)
            ))
        })?;
    let start = Instant::now();
    let now = move || start.elapsed().as_secs_f64() * 1000.0;
    let figures = featurespace::bench::run(&now, budget_ms);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&figures).expect("plain data")
        );
    } else {
        for f in figures {
            println!("{:<62} {:>12.3} {}", f.case, f.value, f.unit);
        }
    }
    Ok(())
}

/// The epochs to train: a whole number from 0 to `u32::MAX` (`1e3` is read as 1000).
fn epochs(text: &str) -> Result<u32, Usage> {
    let text = text.trim();
    text.parse::<u32>()
        .ok()
        .or_else(|| {
            let v = text.parse::<f64>().ok()?;
            (v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&v)).then_some(v as u32)
        })
        .ok_or_else(|| {
            Usage(format!(
                "--epochs: '{}' is not a whole number of epochs from 0 to {}",
                excerpt(text),
                u32::MAX
            ))
        })
}

/// Training diverged once the training loss or a weight is no longer a finite number.
fn diverged(session: &mut Session) -> bool {
    let mut params = vec![0.0; session.model().param_count()];
    session.model().write_params(&mut params);
    !params.iter().all(|p| p.is_finite()) || !session.train_metrics().loss.is_finite()
}

fn config_from(args: &TrainArgs) -> Result<Config, Usage> {
    let mut config = Config::default();
    // The keys that make the data's size before the network's, which is judged against it.
    let pairs = [
        ("dataset", &args.dataset),
        ("points", &args.points),
        ("drawn", &args.drawn),
        ("noise", &args.noise),
        ("trainRatio", &args.train_ratio),
        ("seed", &args.seed),
        ("features", &args.features),
        ("hidden", &args.hidden),
        ("activation", &args.activation),
        ("optimizer", &args.optimizer),
        ("lr", &args.lr),
        ("batch", &args.batch),
        ("l1", &args.l1),
        ("l2", &args.l2),
        ("momentum", &args.momentum),
        ("stopAtEpoch", &args.stop_at_epoch),
        ("stopAtLoss", &args.stop_at_loss),
        ("stopAtAccuracy", &args.stop_at_accuracy),
    ];
    for (key, value) in pairs {
        if let Some(value) = value {
            config
                .set(key, value)
                .map_err(|e| Usage(format!("--{}: {}", flag(key), e.message)))?;
        }
    }
    config.nesterov = args.nesterov;
    // A drawing has as many points as it holds.
    config.points = config.point_count();
    Ok(config)
}

/// A key's flag: the key in kebab-case (`trainRatio` → `train-ratio`).
fn flag(key: &str) -> String {
    key.chars()
        .flat_map(|c| {
            let dash = c.is_ascii_uppercase().then_some('-');
            dash.into_iter()
                .chain(std::iter::once(c.to_ascii_lowercase()))
        })
        .collect()
}

/// Reads a CSV file row by row (it stops at the row limit, without reading the rest).
fn read_csv(path: &str) -> Result<csv::Points, Usage> {
    let file = std::fs::File::open(path).map_err(|e| Usage(format!("cannot read {path}: {e}")))?;
    csv::read(file).map_err(|e| Usage(format!("{path}: {e}")))
}

fn load_data(args: &TrainArgs, config: &mut Config) -> Result<Split, Usage> {
    let Some(path) = &args.train else {
        if config.dataset == DatasetKind::Custom && config.drawn.is_empty() {
            return Err(Usage(
                "--dataset custom needs the points: give them with --train FILE.csv or --drawn"
                    .into(),
            ));
        }
        return Ok(data::generate(config));
    };
    config.dataset = DatasetKind::Custom;
    let csv::Points {
        data: train, task, ..
    } = read_csv(path)?;
    let test = match &args.test {
        Some(test_path) => {
            let test = read_csv(test_path)?;
            csv::check_against(&test, task).map_err(|e| Usage(format!("{test_path}: {e}")))?;
            test.data
        }
        None => Default::default(),
    };
    config.points = train.len() + test.len();
    Ok(Split { train, test, task })
}

fn train(args: TrainArgs) -> Result<(), Usage> {
    let epochs = epochs(&args.epochs)?;
    let mut config = config_from(&args)?;
    let data = load_data(&args, &mut config)?;
    if args.batch.is_none() {
        config.batch = data.train.len().max(1);
    }
    let mut session = Session::with_data(config, data);
    if let Some(note) = session.stop_note() {
        eprintln!("featurespace: {note}");
    }
    let started = Instant::now();
    let progress = (!args.json && epochs >= 200).then(|| {
        let bar = indicatif::ProgressBar::new(epochs as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} epochs, {eta} left")
                .expect("a valid template"),
        );
        bar
    });
    // Train in slices so that the bar moves and divergence stops the run early; the result is
    // the same as one call.
    let mut done = 0;
    let mut diverged_at = None;
    while done < epochs {
        let slice = (epochs - done).min(50);
        session.step(slice);
        done += slice;
        if let Some(bar) = &progress {
            bar.set_position(done as u64);
        }
        if diverged(&mut session) {
            diverged_at = Some(session.epoch());
            break;
        }
        if session.converged() || session.stopped().is_some() {
            break;
        }
    }
    let stopped = session.take_stop();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(epoch) = diverged_at {
        return Err(Usage(format!(
            "training diverged at or before epoch {epoch}: the loss or the weights are no \
             longer finite numbers; try a lower learning rate (--lr, now {})",
            session.config().lr
        )));
    }
    let report = Report {
        train: session.train_metrics(),
        test: session.test_metrics(),
        epochs: session.epoch(),
        config: session.config(),
        layers: session.model().weights(),
        stopped,
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("plain data")
        );
    } else {
        print_summary(&report, &session, started.elapsed().as_secs_f64());
    }
    Ok(())
}

fn print_summary(r: &Report, session: &Session, seconds: f64) {
    let c = r.config;
    let sizes = session.model().sizes();
    let shape: Vec<String> = sizes.iter().map(|s| s.to_string()).collect();
    let key = |k: &str| c.get(k).unwrap_or_default();
    println!(
        "Feature Space: {} points of {}, network {} ({} hidden units, inputs {}), {} lr {} batch {}",
        session.data().train.len() + session.data().test.len(),
        key("dataset"),
        shape.join("-"),
        key("activation"),
        key("features"),
        key("optimizer"),
        c.lr,
        c.batch
    );
    let converged = if session.converged() {
        " (converged)"
    } else {
        ""
    };
    println!("trained {} epochs in {seconds:.2} s{converged}", r.epochs);
    if let Some(stop) = &r.stopped {
        println!("{}", stop.message);
    }
    let line = |name: &str, m: &Metrics, n: usize| {
        let acc = m
            .accuracy
            .map_or(String::new(), |a| format!(", accuracy {:.1}%", 100.0 * a));
        println!("{name}: loss {:.6}{acc} on {n} points", m.loss);
    };
    line("train", &r.train, session.data().train.len());
    if let Some(t) = &r.test {
        line("test ", t, session.data().test.len());
    }
    for (l, layer) in r.layers.iter().enumerate() {
        println!("layer {} W (row i joins input i to each unit):", l + 1);
        for row in &layer.w {
            let cells: Vec<String> = row.iter().map(|v| format!("{v:>10.4}")).collect();
            println!("  {}", cells.join(" "));
        }
        let cells: Vec<String> = layer.b.iter().map(|v| format!("{v:>10.4}")).collect();
        println!("layer {} b:\n  {}", l + 1, cells.join(" "));
    }
}
