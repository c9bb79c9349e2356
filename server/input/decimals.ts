/**
 * Fractional settings (temperatures, shares, thresholds) are stored in `real` columns, where a tiny
 * non-zero value such as 1e-240 underflows and the write fails. No form means such a value, so
 * fractions are rounded to the precision their field has before they are stored.
 */

/** A transform for `.transform`: `value` rounded to `places` decimal places. */
export function roundedTo(places: number) {
  const scale = 10 ** places;
  return (value: number) => Math.round(value * scale) / scale;
}
