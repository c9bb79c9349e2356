// Demand over a stretch of days as a negative binomial (a Poisson when there is no extra spread),
// matched to the sum of independent daily means and variances.
import "server-only";

export interface DemandDistribution {
  mean: number;
  variance: number;
}

/**
 * The demand of several days together: daily means add up, and so do the variances
 * `mu + mu^2 / dispersion` (dispersion = Infinity is Poisson).
 */
export function demandOver(dailyMeans: readonly number[], dispersion: number): DemandDistribution {
  let mean = 0;
  let variance = 0;
  for (const mu of dailyMeans) {
    const m = Math.max(mu, 0);
    mean += m;
    variance += m + (Number.isFinite(dispersion) ? (m * m) / dispersion : 0);
  }
  return { mean, variance };
}

/** P(D = 0), P(D = 1), ... P(D = n - 1), computed in log space so large means do not underflow. */
export function pmf(d: DemandDistribution, n: number): number[] {
  const out: number[] = [];
  if (n <= 0) return out;
  if (d.mean <= 0) {
    out.push(1);
    while (out.length < n) out.push(0);
    return out;
  }
  const poisson = d.variance <= d.mean * 1.000001;
  // Negative binomial with size r and success probability p: mean r(1-p)/p, variance mean/p.
  const r = poisson ? 0 : (d.mean * d.mean) / (d.variance - d.mean);
  const p = poisson ? 1 : d.mean / d.variance;
  let log = poisson ? -d.mean : r * Math.log(p);
  const logStep = poisson ? Math.log(d.mean) : Math.log(1 - p);
  for (let k = 0; k < n; k++) {
    out.push(Math.exp(log));
    log += (poisson ? 0 : Math.log((k + r) / (k + 1))) + (poisson ? logStep - Math.log(k + 1) : logStep);
  }
  return out;
}

/** P(D >= stock): the chance that `stock` units run out. */
export function probabilityOfSellingOut(stock: number, d: DemandDistribution): number {
  const s = Math.max(0, Math.floor(stock));
  if (s === 0) return 1;
  const below = pmf(d, s).reduce((a, b) => a + b, 0);
  return clamp01(1 - below);
}

/** E[max(D - stock, 0)]: the demand that `stock` units are expected to leave unmet. */
export function expectedShortfall(stock: number, d: DemandDistribution): number {
  const s = Math.max(0, Math.floor(stock));
  // E[(D - s)+] = E[D] - E[min(D, s)] = E[D] - sum_{k<s} P(D > k).
  let cdf = 0;
  let served = 0;
  for (const p of pmf(d, s)) {
    cdf += p;
    served += 1 - cdf;
  }
  return Math.max(d.mean - served, 0);
}

/** The smallest k with P(D <= k) >= q. */
export function quantile(d: DemandDistribution, q: number): number {
  if (d.mean <= 0) return 0;
  let cdf = 0;
  let k = 0;
  // Work in chunks so the pmf is computed once per chunk, not once per step.
  for (let n = Math.max(16, Math.ceil(d.mean + 6 * Math.sqrt(d.variance))); ; n *= 2) {
    const probs = pmf(d, n);
    cdf = 0;
    for (k = 0; k < n; k++) {
      cdf += probs[k]!;
      if (cdf >= q) return k;
    }
    if (n > 1_000_000) return k;
  }
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
