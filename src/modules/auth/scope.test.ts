import { describe, expect, it } from 'vitest';
import { EMPTY_SCOPE, makeScope, narrowScope } from './scope.js';

describe('narrowScope', () => {
  const scope = makeScope(['/1/20/', '/1/30/300/', '/1/30/301/']);

  it('is the subtree itself when the scope covers it', () => {
    expect(narrowScope(scope, '/1/20/200/').paths).toEqual(['/1/20/200/']);
    expect(narrowScope(scope, '/1/20/').paths).toEqual(['/1/20/']);
  });

  it("is the scope's subtrees under it when the subtree is wider than the scope", () => {
    expect(narrowScope(scope, '/1/30/').paths).toEqual(['/1/30/300/', '/1/30/301/']);
    expect(narrowScope(scope, '/1/').paths).toEqual(['/1/20/', '/1/30/300/', '/1/30/301/']);
  });

  it('is nothing outside the scope, and nothing for an empty scope', () => {
    expect(narrowScope(scope, '/1/40/').paths).toEqual([]);
    // '/1/2/' is a string prefix of '/1/20/' but not its ancestor: paths end with '/'.
    expect(narrowScope(scope, '/1/2/').paths).toEqual([]);
    expect(narrowScope(EMPTY_SCOPE, '/1/').paths).toEqual([]);
  });
});
