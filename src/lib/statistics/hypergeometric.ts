/**
 * How often two things would occur together by chance: the hypergeometric distribution of the
 * overlap of two random subsets of sizes `a` and `b` drawn from `n`. It answers "is this pair of
 * contributing factors together more often than their frequencies alone would give?" exactly,
 * without the normal approximation that fails at the small counts a postmortem collection has.
 */

const logFactorials: number[] = [0];

/** ln(k!), from a table grown on demand (collections stay below a few hundred thousand entries). */
function logFactorial(k: number): number {
  for (let i = logFactorials.length; i <= k; i++) logFactorials[i] = logFactorials[i - 1] + Math.log(i);
  return logFactorials[k];
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** The expected overlap of two random subsets of sizes `a` and `b` of `n` items: a·b/n. */
export function expectedOverlap(n: number, a: number, b: number): number {
  return n === 0 ? 0 : (a * b) / n;
}

/**
 * P(overlap ≥ k) when subsets of sizes `a` and `b` are drawn at random from `n` items: the
 * one-sided p-value of Fisher's exact test for "together more often than by chance".
 */
export function overlapAtLeast(n: number, a: number, b: number, k: number): number {
  if (![n, a, b, k].every((value) => Number.isInteger(value) && value >= 0) || a > n || b > n)
    throw new RangeError(`overlapAtLeast needs whole counts with a, b ≤ n; got n=${n}, a=${a}, b=${b}, k=${k}`);
  const low = Math.max(0, a + b - n);
  const high = Math.min(a, b);
  if (k <= low) return 1;
  if (k > high) return 0;
  const total = logChoose(n, b);
  let sum = 0;
  for (let i = k; i <= high; i++) sum += Math.exp(logChoose(a, i) + logChoose(n - a, b - i) - total);
  return Math.min(1, sum);
}
