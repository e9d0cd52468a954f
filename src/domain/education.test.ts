import { describe, expect, it } from 'vitest';
import { educationBand } from './education.js';

// R-STAT-04: general education counted as primary, lower secondary, upper secondary.
describe('educationBand', () => {
  it('bands the 12-year system at 5 and 9', () => {
    expect(['5/12', '6/12', '9/12', '10/12', '12/12'].map(educationBand)).toEqual([
      'primary',
      'lower_secondary',
      'lower_secondary',
      'upper_secondary',
      'upper_secondary',
    ]);
  });

  it('bands the old 10-year system at 4 and 7', () => {
    expect(['4/10', '5/10', '7/10', '8/10', '10/10'].map(educationBand)).toEqual([
      'primary',
      'lower_secondary',
      'lower_secondary',
      'upper_secondary',
      'upper_secondary',
    ]);
  });

  it('calls anything else unknown', () => {
    expect(educationBand(null)).toBe('unknown');
    expect(educationBand('đại học')).toBe('unknown');
    expect(educationBand('12/11')).toBe('unknown');
  });
});
