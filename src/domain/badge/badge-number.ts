// R-BADGE-08: the per-class part of a badge number. Each class has its own range: a number of
// digits, some behind a letter (45y E, 55y D, 65y C, 75y B, 85y A). The province code that goes
// with it is kept beside it: rules.md does not say whether it precedes or follows the number.

const SERIAL_FORMAT: Readonly<Record<number, { letter: string; digits: number }>> = {
  30: { letter: '', digits: 8 },
  40: { letter: '', digits: 7 },
  45: { letter: 'E', digits: 7 },
  50: { letter: '', digits: 6 },
  55: { letter: 'D', digits: 6 },
  60: { letter: '', digits: 5 },
  65: { letter: 'C', digits: 5 },
  70: { letter: '', digits: 4 },
  75: { letter: 'B', digits: 4 },
  80: { letter: '', digits: 3 },
  85: { letter: 'A', digits: 3 },
  90: { letter: '', digits: 2 },
};

function format(badgeClass: number) {
  const f = SERIAL_FORMAT[badgeClass];
  if (!f) throw new RangeError(`no badge class of ${badgeClass} years`);
  return f;
}

/** The serial for the `sequence`-th badge of a class in a province (1-based), e.g. 45y #12 → "E0000012". */
export function badgeSerial(badgeClass: number, sequence: number): string {
  const f = format(badgeClass);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= 10 ** f.digits) throw new RangeError(`badge ${sequence} is outside the ${badgeClass}-year range`);
  return f.letter + String(sequence).padStart(f.digits, '0');
}

export function isValidBadgeSerial(badgeClass: number, serial: string): boolean {
  const f = format(badgeClass);
  return new RegExp(`^${f.letter}[0-9]{${f.digits}}$`).test(serial) && Number(serial.slice(f.letter.length)) >= 1;
}
