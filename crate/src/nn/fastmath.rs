//! exp, tanh, the logistic sigmoid and the cross-entropy's ln(1 + e^−a) for the hot loops: branch-free (every `if` below is a
//! select), so loops over a batch vectorise, and built from + − × ÷ alone, so native and wasm
//! builds, SIMD or not, compute the same bits. `libm` has them too, but as scalar calls with
//! branches inside that no loop around them can vectorise: they were half the training time.
//! Accuracy: a few ulp (the tests compare with std over wide ranges).

/// Largest argument whose exponential is finite after the 2ᵏ scaling below (k ≤ 1023).
const EXP_HI: f64 = 709.0;
/// Below this e^x is subnormal; we return 0 there (as the network never needs such values).
const EXP_LO: f64 = -708.0;

/// The constants of `exp_parts` and `tanh`, as values: a loop can take them through
/// `std::hint::black_box` once, so that V8 keeps them in registers instead of rebuilding every
/// 128-bit constant in every iteration (it does not hoist them). The same numbers either way.
#[derive(Clone, Copy)]
pub struct Constants {
    log2_e: f64,
    ln2_hi: f64,
    ln2_lo: f64,
    shift: f64,
    even: [f64; 3],
    odd: [f64; 3],
    one: f64,
    two: f64,
    tanh_cap: f64,
    exp_lo: f64,
    exp_hi: f64,
    half: f64,
    sqrt2: f64,
    /// fdlibm's `log` (e_log.c, as the `libm` crate has it): the polynomial's coefficients.
    lg: [f64; 7],
}

/// The constants for a loop: taken once through `black_box`, so that V8 keeps them in
/// registers (1.16x for 2-4-2-1 in Chromium).
#[inline(always)]
pub fn constants() -> Constants {
    std::hint::black_box(CONSTANTS)
}

pub const CONSTANTS: Constants = Constants {
    log2_e: std::f64::consts::LOG2_E,
    // ln 2 split so that k·LN2_HI is exact for |k| < 2¹¹ (fdlibm's constants).
    ln2_hi: f64::from_bits(0x3fe6_2e42_fee0_0000),
    ln2_lo: f64::from_bits(0x3dea_39ef_3579_3c76),
    // Adding 1.5·2⁵² rounds to an integer, which then sits in the low mantissa bits.
    shift: 6_755_399_441_055_744.0,
    // P's coefficients (12−j)!·6!/(12!·j!·(6−j)!), even then odd powers.
    even: [5.0 / 44.0, 1.0 / 792.0, 1.0 / 665_280.0],
    odd: [0.5, 1.0 / 66.0, 1.0 / 15_840.0],
    one: 1.0,
    two: 2.0,
    tanh_cap: 20.0,
    exp_lo: EXP_LO,
    exp_hi: EXP_HI,
    half: 0.5,
    sqrt2: std::f64::consts::SQRT_2,
    lg: [
        6.666_666_666_666_735e-1,
        3.999_999_999_940_942e-1,
        2.857_142_874_366_239e-1,
        2.222_219_843_214_978_4e-1,
        1.818_357_216_161_805e-1,
        1.531_383_769_920_937_3e-1,
        1.479_819_860_511_658_6e-1,
    ],
};

/// e^x as 2ᵏ · (E + O) / (E − O), for x already within [EXP_LO, EXP_HI] (or NaN): x = k·ln2 + r
/// with |r| ≤ ln2/2, and e^r = P(r)/P(−r), the [6/6] Padé approximant, exact to rounding there;
/// E and O are P's even and odd parts. Returning (2ᵏ, E, O) lets callers fold the division
/// into their own.
#[inline(always)]
fn exp_parts(x: f64, c: &Constants) -> (f64, f64, f64) {
    let t = x * c.log2_e + c.shift;
    let k = t - c.shift;
    let r = (x - k * c.ln2_hi) - k * c.ln2_lo;
    // P(r) = even(r²) + r·odd(r²).
    let r2 = r * r;
    let even = c.one + r2 * (c.even[0] + r2 * (c.even[1] + r2 * c.even[2]));
    let odd = r * (c.odd[0] + r2 * (c.odd[1] + r2 * c.odd[2]));
    let k_bits = t.to_bits().wrapping_sub(c.shift.to_bits());
    let scale = f64::from_bits(k_bits.wrapping_add(1023) << 52);
    (scale, even, odd)
}

/// e^x, within a few ulp; ∞ above 709, 0 below −708.
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    // clamp keeps NaN as NaN.
    let (scale, even, odd) = exp_parts(x.clamp(EXP_LO, EXP_HI), &CONSTANTS);
    let e = scale * (even + odd) / (even - odd);
    if x > EXP_HI {
        f64::INFINITY
    } else if x < EXP_LO {
        0.0
    } else {
        e
    }
}

/// tanh(|x|) = (e^{2|x|} − 1)/(e^{2|x|} + 1) with e^{2|x|} = 2ᵏ·(E + O)/(E − O) from `exp_parts`,
/// multiplied out: ((2ᵏ − 1)·E + (2ᵏ + 1)·O) / ((2ᵏ + 1)·E + (2ᵏ − 1)·O). Near zero k = 0 and it
/// is O/E with no cancellation, so one formula and one division serve every x.
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    tanh_with(x, &CONSTANTS)
}

/// `tanh` with its constants given (see `Constants`).
#[inline(always)]
pub fn tanh_with(x: f64, c: &Constants) -> f64 {
    let ax = x.abs();
    // tanh(|x|) rounds to 1 from 19.1 on; the cap keeps 2ᵏ finite (NaN stays NaN).
    let capped = if ax > c.tanh_cap { c.tanh_cap } else { ax };
    let (scale, even, odd) = exp_parts(c.two * capped, c);
    let (minus, plus) = (scale - c.one, scale + c.one);
    let magnitude = (minus * even + plus * odd) / (plus * even + minus * odd);
    // The sign bit put back by hand: wasm SIMD has no copysign, and LLVM would not vectorise
    // the loop around a scalar one.
    f64::from_bits(magnitude.to_bits() | (x.to_bits() & (1 << 63)))
}

/// The logistic function 1/(1 + e^−z) as one division: with e^−z = 2ᵏ·(E + O)/(E − O) it is
/// (E − O)/((E − O) + 2ᵏ·(E + O)). 1 far above zero, 0 far below, never NaN for finite z.
#[inline(always)]
pub fn sigmoid(z: f64) -> f64 {
    sigmoid_with(z, &CONSTANTS)
}

/// `sigmoid` with its constants given (see `Constants`).
#[inline(always)]
pub fn sigmoid_with(z: f64, c: &Constants) -> f64 {
    let x = -z;
    // Far below zero e^−z would overflow 2ᵏ: the clamp keeps it finite (NaN stays NaN) and
    // the select gives the 0 that the quotient tends to. (`f64::clamp`'s steps, written out:
    // with bounds that are not constants it would check them on every call.)
    let mut clamped = x;
    if clamped < c.exp_lo {
        clamped = c.exp_lo;
    }
    if clamped > c.exp_hi {
        clamped = c.exp_hi;
    }
    let (scale, even, odd) = exp_parts(clamped, c);
    let q = even - odd;
    let s = q / (q + scale * (even + odd));
    if x > c.exp_hi {
        0.0
    } else {
        s
    }
}

/// ln(1 + e^−a) for a ≥ 0: the term of the binary cross-entropy that `libm::log1p(libm::exp(−a))`
/// gave as two scalar calls with branches (half the time of an epoch whose loss the history
/// keeps). e^−a as in `exp`, 0 below e^−708; then ln(1 + t) for t in [0, 1] as fdlibm's `log` of
/// u = 1 + t (u halved above √2, the reduction its branches make, here a select), plus what
/// rounding 1 + t dropped, divided by u. Within a few ulp; NaN stays NaN.
#[inline(always)]
pub fn ln_1p_exp_neg_with(a: f64, c: &Constants) -> f64 {
    let x = -a;
    let clamped = if x < c.exp_lo { c.exp_lo } else { x };
    let (scale, even, odd) = exp_parts(clamped, c);
    let e = scale * (even + odd) / (even - odd);
    let t = if x < c.exp_lo { 0.0 } else { e };
    let u = c.one + t;
    // u − 1 is exact for u in [1, 2]: `dropped` is exactly what the sum rounded off.
    let dropped = (t - (u - c.one)) / u;
    let above = u > c.sqrt2;
    let m = if above { c.half * u } else { u };
    let k = if above { c.one } else { 0.0 };
    let f = m - c.one;
    let hfsq = c.half * f * f;
    let s = f / (c.two + f);
    let z = s * s;
    let w = z * z;
    let lg = &c.lg;
    let t1 = w * (lg[1] + w * (lg[3] + w * lg[5]));
    let t2 = z * (lg[0] + w * (lg[2] + w * (lg[4] + w * lg[6])));
    s * (hfsq + (t2 + t1)) + (k * c.ln2_lo + dropped) - hfsq + f + k * c.ln2_hi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> f64 {
        ((a - b) / (b.abs() * f64::EPSILON).max(f64::MIN_POSITIVE)).abs()
    }

    /// Points from lo to hi, evenly spaced plus a prime stride so that many mantissas occur.
    fn sweep(lo: f64, hi: f64) -> impl Iterator<Item = f64> {
        (0..=200_003).map(move |i| lo + (hi - lo) * i as f64 / 200_003.0)
    }

    #[test]
    fn exp_is_within_a_few_ulp() {
        let worst = sweep(-700.0, 700.0)
            .map(|x| ulps(exp(x), x.exp()))
            .fold(0.0, f64::max);
        assert!(worst <= 3.0, "exp: {worst} ulp");
        let worst = sweep(-1.0, 1.0)
            .map(|x| ulps(exp(x), x.exp()))
            .fold(0.0, f64::max);
        assert!(worst <= 2.0, "exp near 0: {worst} ulp");
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn tanh_is_within_a_few_ulp() {
        for (lo, hi) in [(-0.7, 0.7), (-25.0, 25.0), (-1e-6, 1e-6)] {
            let worst = sweep(lo, hi)
                .map(|x| ulps(tanh(x), x.tanh()))
                .fold(0.0, f64::max);
            assert!(worst <= 4.0, "tanh on [{lo}, {hi}]: {worst} ulp");
        }
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(1e3), 1.0);
        assert_eq!(tanh(-1e3), -1.0);
        assert!(tanh(f64::NAN).is_nan());
    }

    #[test]
    fn ln_1p_exp_neg_is_within_a_few_ulp() {
        let exact = |a: f64| libm::log1p(libm::exp(-a));
        let f = |a: f64| ln_1p_exp_neg_with(a, &CONSTANTS);
        // Near 0 (t near 1, u near 2), around a = 0.88 (u near √2, where the reduction switches),
        // far out (t tiny, u rounds to 1).
        for (lo, hi) in [
            (0.0, 1e-6),
            (0.0, 2.0),
            (0.85, 0.92),
            (2.0, 40.0),
            (40.0, 745.0),
        ] {
            let worst = sweep(lo, hi)
                .map(|a| ulps(f(a), exact(a)))
                .fold(0.0, f64::max);
            assert!(worst <= 3.0, "ln(1 + e^-a) on [{lo}, {hi}]: {worst} ulp");
        }
        assert_eq!(f(0.0), std::f64::consts::LN_2);
        assert_eq!(f(1000.0), 0.0);
        assert_eq!(f(f64::INFINITY), 0.0);
        assert!(f(f64::NAN).is_nan());
    }

    #[test]
    fn sigmoid_is_accurate_and_saturates() {
        let exact = |z: f64| 1.0 / (1.0 + (-z).exp());
        let worst = sweep(-700.0, 40.0)
            .map(|z| ulps(sigmoid(z), exact(z)))
            .fold(0.0, f64::max);
        assert!(worst <= 4.0, "sigmoid: {worst} ulp");
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
    }
}
