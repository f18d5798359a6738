/**
 * Number <-> text conversions with Java's formats, as Spark prints and parses numbers:
 * `Double.toString` / `Float.toString` (shortest round-tripping digits, scientific
 * notation outside [1e-3, 1e7)), decimals as `BigDecimal.toPlainString`.
 */

/** Shortest decimal digits and exponent of a finite non-zero |x| (x = 0.d1d2... * 10^exp). */
function shortestDigits(x: number, isFloat: boolean): { digits: string; pointPos: number } {
  let repr: string;
  if (isFloat) {
    repr = "";
    for (let p = 1; p <= 9; p++) {
      const s = x.toPrecision(p);
      if (Math.fround(Number(s)) === x) {
        repr = s;
        break;
      }
    }
    if (repr === "") repr = x.toPrecision(9);
  } else {
    repr = String(x);
  }
  // Normalise to digits and a decimal point position.
  let mantissa = repr;
  let exp = 0;
  const e = repr.indexOf("e");
  if (e >= 0) {
    mantissa = repr.slice(0, e);
    exp = Number(repr.slice(e + 1));
  }
  const dot = mantissa.indexOf(".");
  let intPart = dot >= 0 ? mantissa.slice(0, dot) : mantissa;
  const fracPart = dot >= 0 ? mantissa.slice(dot + 1) : "";
  if (intPart === "0") intPart = "";
  let digits = intPart + fracPart;
  let pointPos = intPart.length + exp;
  // Strip leading zeros (e.g. "0.00123" -> "123", pointPos -2).
  let lead = 0;
  while (lead < digits.length - 1 && digits[lead] === "0") lead++;
  digits = digits.slice(lead);
  pointPos -= lead;
  digits = digits.replace(/0+$/, "");
  if (digits === "") digits = "0";
  return { digits, pointPos };
}

function javaFloatingString(x: number, isFloat: boolean): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const abs = Math.abs(x);
  // Java prints the smallest subnormal with two digits.
  if (!isFloat && abs === Number.MIN_VALUE) return `${sign}4.9E-324`;
  const { digits, pointPos } = shortestDigits(abs, isFloat);
  if (abs >= 1e-3 && abs < 1e7) {
    if (pointPos <= 0) return `${sign}0.${"0".repeat(-pointPos)}${digits}`;
    if (pointPos >= digits.length)
      return `${sign}${digits}${"0".repeat(pointPos - digits.length)}.0`;
    return `${sign}${digits.slice(0, pointPos)}.${digits.slice(pointPos)}`;
  }
  const rest = digits.length > 1 ? digits.slice(1) : "0";
  return `${sign}${digits[0]}.${rest}E${pointPos - 1}`;
}

/** Java's `Double.toString`: `1.0`, `0.1`, `1.0E10`, `1.0E-5`, `NaN`, `-Infinity`. */
export function formatDouble(x: number): string {
  return javaFloatingString(x, false);
}

/** Java's `Float.toString` of a float value held in a JS number. */
export function formatFloat(x: number): string {
  return javaFloatingString(x, true);
}

/** `BigDecimal.toPlainString` of unscaled * 10^-scale. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  if (scale <= 0) return `${neg ? "-" : ""}${digits}${unscaled === 0n ? "" : "0".repeat(-scale)}`;
  const padded = digits.padStart(scale + 1, "0");
  const cut = padded.length - scale;
  return `${neg ? "-" : ""}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 80; i++, p *= 10n) POW10.push(p);

/** 10^n as a bigint (n >= 0). */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/** Divides rounding half away from zero (Java's RoundingMode.HALF_UP). */
export function divHalfUp(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const aa = a < 0n ? -a : a;
  const bb = b < 0n ? -b : b;
  let q = aa / bb;
  if ((aa % bb) * 2n >= bb) q += 1n;
  return neg ? -q : q;
}

/** Divides rounding half to even (Java's RoundingMode.HALF_EVEN). */
export function divHalfEven(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const aa = a < 0n ? -a : a;
  const bb = b < 0n ? -b : b;
  let q = aa / bb;
  const r2 = (aa % bb) * 2n;
  if (r2 > bb || (r2 === bb && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** Changes a decimal's scale, rounding HALF_UP when the scale shrinks. */
export function rescale(unscaled: bigint, from: number, to: number): bigint {
  if (to === from) return unscaled;
  if (to > from) return unscaled * pow10(to - from);
  return divHalfUp(unscaled, pow10(from - to));
}

/** Whether an unscaled value fits in `precision` digits. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  const bound = pow10(precision);
  return unscaled < bound && unscaled > -bound;
}

/** Number of decimal digits of |v| (0 has one digit). */
export function digitCount(v: bigint): number {
  return (v < 0n ? -v : v).toString().length;
}

/** A decimal as a double (correctly rounded through its text form). */
export function decimalToDouble(unscaled: bigint, scale: number): number {
  return Number(scale === 0 ? unscaled.toString() : `${unscaled.toString()}e${-scale}`);
}

/**
 * Exact decimal expansion of a finite double as [unscaled, scale] (scale >= 0), as
 * `new BigDecimal(double)`; used by casts that then round to the target scale.
 */
export function doubleToDecimalExact(x: number): { unscaled: bigint; scale: number } {
  // Spark's Decimal(double) uses BigDecimal.valueOf(double) = Double.toString digits.
  const s = formatDouble(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:E(-?\d+))?$/.exec(s);
  if (!m) throw new Error(`cannot convert ${s} to decimal`);
  let frac = m[3] ?? "";
  if (frac === "0") frac = "";
  let unscaled = BigInt(`${m[2]}${frac}`);
  let scale = frac.length - Number(m[4] ?? 0);
  if (scale < 0) {
    unscaled *= pow10(-scale);
    scale = 0;
  }
  return { unscaled: m[1] === "-" ? -unscaled : unscaled, scale };
}

/**
 * Parses a decimal literal text (`-12.5`, `1e3`, `.5`) to [unscaled, scale], or null.
 * Leading/trailing whitespace is the caller's business.
 */
export function parseDecimalText(text: string): { unscaled: bigint; scale: number } | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  const intPart = m[2] ?? "";
  const frac = m[3] ?? "";
  if (intPart === "" && frac === "") return null;
  let unscaled = BigInt(`${intPart || "0"}${frac}`);
  let scale = frac.length - Number(m[4] ?? 0);
  if (scale < 0) {
    unscaled *= pow10(-scale);
    scale = 0;
  }
  return { unscaled: m[1] === "-" ? -unscaled : unscaled, scale };
}
